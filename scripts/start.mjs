// `npm start`, the README's main job: train a VAE on the bundled Fashion-MNIST sample with the CLI, write its
// sample and reconstruction grids, then open the editor on the sample with the extension loaded (code-server on
// 127.0.0.1, for machines without VS Code). `--no-editor` (or CI=true) stops after the CLI part.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = join(dirname(fileURLToPath(import.meta.url)), '..');
const sample = join(repo, 'samples/fashion-mnist');
const modelDir = join(repo, 'models/sample');
const cli = join(repo, 'dist/cli.js');

function step(title, args) {
  console.log(`\n▶ ${title}`);
  const r = spawnSync(process.execPath, args, { stdio: 'inherit', cwd: repo });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

step('building', [join(repo, 'scripts/build.mjs')]);
step('training a VAE on the bundled sample (3 000 Fashion-MNIST images)', [cli, 'train', sample, '--out', modelDir, '--epochs', '20', '--overwrite']);
step('evaluating (IWAE, k = 100)', [cli, 'eval', modelDir, sample, '--iwae-k', '100', '--limit', '1000']);
step('sampling from the prior', [cli, 'sample', modelDir, '--n', '64', '--out', join(modelDir, 'samples.png')]);
step('reconstructing', [cli, 'reconstruct', modelDir, sample, '--n', '32', '--out', join(modelDir, 'reconstructions.png')]);
console.log(`\nModel: ${modelDir}\nGrids: ${join(modelDir, 'samples.png')}, ${join(modelDir, 'reconstructions.png')}`);

if (process.env.CI || process.argv.includes('--no-editor')) process.exit(0);

const { ensureCodeServer, startCodeServer, freePort } = await import('./codeServer.mjs');

function portIsFree(p) {
  return new Promise((resolve) => {
    const s = createServer();
    s.once('error', () => resolve(false));
    s.listen(p, '127.0.0.1', () => s.close(() => resolve(true)));
  });
}

try {
  ensureCodeServer();
} catch (err) {
  console.log(`\nThe editor part needs code-server: ${err.message}\n(or open this folder in VS Code and run "Latent Explorer: Open Model…" on ${modelDir})`);
  process.exit(0);
}
// the repository itself is the installed extension (a symlink named publisher.name-version, as VS Code lays out)
const extensions = join(repo, '.vscode-test/start-extensions');
rmSync(extensions, { recursive: true, force: true });
mkdirSync(extensions, { recursive: true });
const manifest = JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8'));
symlinkSync(repo, join(extensions, `${manifest.publisher}.${manifest.name}-${manifest.version}`));
// a stable address (8080) to bookmark when it is free; any free port otherwise
const port = process.env.PORT ? Number(process.env.PORT) : (await portIsFree(8080)) ? 8080 : await freePort();
const server = await startCodeServer({ workspace: sample, extensionsDir: extensions, port });
console.log(`\nVS Code (code-server) with Latent Explorer is running on the sample dataset:\n  ${server.url}/?folder=${encodeURIComponent(sample)}`);
console.log(`Run "Latent Explorer: Open Model…" on ${modelDir}, or "Train VAE on Folder…", from the command palette (F1). Ctrl-C stops.`);
let stopping = false;
const stop = async () => {
  stopping = true;
  await server.stop();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
const code = await server.exited;
if (!stopping) {
  console.error(`code-server stopped on its own (exit ${code}):\n${server.output().slice(-2000)}`);
  await server.stop();
  process.exit(1);
}
