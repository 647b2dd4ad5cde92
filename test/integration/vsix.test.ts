// The packages as users get them: `scripts/package.mjs` packs both .vsix files, each is installed into a fresh
// code-server extensions folder with `--install-extension`, and the smoke path (test/integration/installed/smoke.ts:
// activate, open a model, encode an image) runs inside the installed copy, which carries no tests and no
// node_modules. The model is trained with the installed package's own CLI, which also says whether the native
// kernels are in use: yes in the linux-x64 package, tfjs-wasm alone in the universal one.
// LE_VSIX_DIR=<folder> tests the packages already there (e.g. out/packages after `npm run package`) instead of packing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { CHROMIUM_ARGS } from '../helpers/chromium';
import { tempDir } from '../helpers/tempDir';
import { writeTinyDataset } from '../helpers/tinyFolder';

const repo = resolve(__dirname, '../..');
const smokeModule = join(repo, 'out/test/installed/index.js');
const { name, publisher, version } = JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8')) as { name: string; publisher: string; version: string };
const SMOKE_STEPS = 4;

const packages = [
  { target: 'linux-x64', file: `${name}-${version}-linux-x64.vsix`, native: true },
  { target: 'universal', file: `${name}-${version}.vsix`, native: false },
];

/** A promise that rejects after `ms` (an upper bound on an event, never a wait for its own sake), and its cancel. */
function deadline(ms: number, what: string): { promise: Promise<never>; cancel(): void } {
  let timer: NodeJS.Timeout | undefined;
  const promise = new Promise<never>((_, rej) => {
    timer = setTimeout(() => rej(new Error(`${what} did not happen within ${Math.round(ms / 1000)} s`)), ms);
  });
  return { promise, cancel: () => clearTimeout(timer) };
}

test('the .vsix packages install into code-server and the installed copy runs the smoke path', { timeout: 20 * 60_000 }, async (t) => {
  const { ensureCodeServer, codeServerBin, startCodeServer } = await import('../../scripts/codeServer.mjs');
  ensureCodeServer();
  assert.ok(existsSync(smokeModule), `${smokeModule} is built by scripts/build.mjs (npm run build)`);

  let vsixDir = process.env.LE_VSIX_DIR ? resolve(process.env.LE_VSIX_DIR) : '';
  if (!vsixDir) {
    vsixDir = tempDir('le-vsix-');
    const packed = spawnSync(process.execPath, [join(repo, 'scripts/package.mjs'), '--out', vsixDir], { cwd: repo, encoding: 'utf8', maxBuffer: 64 << 20 });
    assert.equal(packed.status, 0, `npm run package failed:\n${packed.stdout.slice(-3000)}\n${packed.stderr.slice(-3000)}`);
  }

  // the workspace a user would open: a small dataset; each package's model is trained into it
  const workspace = tempDir('le-vsix-ws-');
  writeTinyDataset(16, join(workspace, 'data'));
  const image = join(workspace, 'data', 'left', '0.png');
  // extensionTestsPath needs an extension under development beside it: an empty one, so the extension under test
  // is the installed one (a development copy of latent-explorer itself would take its place)
  const runner = tempDir('le-vsix-runner-');
  writeFileSync(join(runner, 'package.json'), JSON.stringify({ name: 'installed-smoke-runner', publisher: 'latent-explorer-test', version: '0.0.0', engines: { vscode: '^1.100.0' } }));

  const browser: Browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
  try {
    for (const p of packages) {
      await t.test(`${p.file}: installs with --install-extension and runs from the installed copy`, async (st) => {
        const vsix = join(vsixDir, p.file);
        assert.ok(existsSync(vsix), `${vsix} was packed`);
        const extensionsDir = tempDir('le-vsix-ext-');
        const cli = tempDir('le-vsix-cli-');
        writeFileSync(join(cli, 'config.yaml'), 'auth: none\ncert: false\n');
        const installed = spawnSync(
          process.execPath,
          [codeServerBin, '--config', join(cli, 'config.yaml'), '--user-data-dir', join(cli, 'user-data'), '--extensions-dir', extensionsDir, '--install-extension', vsix],
          { encoding: 'utf8' },
        );
        assert.equal(installed.status, 0, `--install-extension failed:\n${installed.stdout}\n${installed.stderr}`);
        const folders = readdirSync(extensionsDir).filter((f) => f.startsWith(`${publisher}.${name}-`));
        assert.equal(folders.length, 1, `one installed folder in ${extensionsDir}: ${readdirSync(extensionsDir).join(', ')}`);
        const extensionPath = join(extensionsDir, folders[0]);
        assert.ok(!existsSync(join(extensionPath, 'node_modules')), 'the package needs no node_modules');
        assert.equal(existsSync(join(extensionPath, 'dist', 'kernels.node')), p.native, `dist/kernels.node ${p.native ? 'ships' : 'does not ship'}`);

        // the installed package's own CLI trains the model (2 latents) and reports its kernels
        const modelDir = join(workspace, `model-${p.target}`);
        const trained = spawnSync(process.execPath, [join(extensionPath, 'dist', 'cli.js'), 'train', join(workspace, 'data'), '--out', modelDir, '--epochs', '1', '--latent', '2', '--hidden', '8'], {
          encoding: 'utf8',
          cwd: workspace,
        });
        assert.equal(trained.status, 0, `the installed CLI failed to train:\n${trained.stdout}\n${trained.stderr}`);
        if (p.native) assert.match(trained.stderr, /native Adam/, 'the linux-x64 package trains with the native kernels');
        else assert.match(trained.stderr, /native addon not built.*tfjs Adam/, 'the universal package falls back to tfjs-wasm');

        const server = await startCodeServer({
          workspace,
          extensionsDir,
          env: { LE_INSTALL_ROOT: extensionsDir, LE_REPO: repo, LE_MODEL_DIR: modelDir, LE_IMAGE: image, LE_LATENT: '2', LE_EXPECT_NATIVE: p.native ? '1' : '0' },
        });
        const page = await browser.newPage();
        const limit = deadline(8 * 60_000, 'the installed smoke path finishing');
        try {
          const lines: string[] = [];
          let sawDone: () => void = () => undefined;
          const done = new Promise<void>((res) => (sawDone = res));
          page.on('console', (msg) => {
            const text = msg.text();
            if (process.env.LE_TEST_VERBOSE) console.log(text);
            const at = text.indexOf('[installed] ');
            if (at < 0) return;
            const line = text.slice(at + '[installed] '.length);
            if (line.startsWith('done')) sawDone();
            else lines.push(line);
          });
          const exit = new Promise<number>((res) => void page.exposeFunction('codeAutomationExit', (code: number) => res(code)));
          const remote = `vscode-remote://127.0.0.1:${server.port}`;
          const payload = JSON.stringify([
            ['extensionDevelopmentPath', `${remote}${runner}`],
            ['extensionTestsPath', `${remote}${smokeModule}`],
          ]);
          await page.goto(`${server.url}/?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(payload)}`);
          // the exit code and the last console line travel separately: wait for both
          const [code] = await Promise.race([Promise.all([exit, done]), limit.promise]);
          for (const line of lines) {
            const cut = line.indexOf(' :: ');
            const title = (cut < 0 ? line : line.slice(0, cut)).slice(2);
            await st.test(`installed: ${title}`, () => {
              if (!line.startsWith('✓')) throw new Error(line.slice(cut + 4));
            });
          }
          assert.equal(lines.filter((l) => l.startsWith('✓')).length, SMOKE_STEPS, `every smoke step passed:\n${lines.join('\n')}\n${server.output().slice(-3000)}`);
          assert.equal(code, 0, `the smoke path exited with ${code}`);
        } finally {
          limit.cancel();
          await page.close().catch(() => undefined);
          await server.stop();
        }
      });
    }
  } finally {
    await browser.close().catch(() => undefined);
  }
});
