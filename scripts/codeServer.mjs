// code-server (a real VS Code server, installable from npm) for the integration tests and `npm start`.
// @vscode/test-electron cannot work on a machine whose only network is the npm registry: it downloads VS Code.
// See ../shared/notes/vscode-offline.md for the verified route this follows.
//   node scripts/codeServer.mjs install      installs into the cache (no-op when present)
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const CODE_SERVER_VERSION = '4.100.3';
// @vscode/ripgrep 1.15.11 (bundled by code-server 4.100.3) downloads rg from GitHub in its postinstall unless
// this archive is already in its cache folder; we put Debian's rg there.
const RIPGREP = { pkg: '1.15.11', asset: 'ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz' };
const APT_NEEDS = { rg: 'ripgrep', chromium: 'chromium' };
const HEADERS = ['libkrb5-dev', 'libx11-dev', 'libxkbfile-dev', 'libsecret-1-dev', 'pkg-config'];

const repo = join(dirname(fileURLToPath(import.meta.url)), '..');
export const cacheRoot = process.env.LATENT_EXPLORER_CACHE || join(repo, '.vscode-test');
const installDir = join(cacheRoot, `code-server-${CODE_SERVER_VERSION}`);
export const codeServerBin = join(installDir, 'node_modules', 'code-server', 'out', 'node', 'entry.js');

function missingDebianPackages() {
  const missing = [];
  for (const [cmd, pkg] of Object.entries(APT_NEEDS)) {
    if (spawnSync('sh', ['-c', `command -v ${cmd}`]).status !== 0) missing.push(pkg);
  }
  for (const pkg of HEADERS) if (spawnSync('dpkg', ['-s', pkg], { stdio: 'ignore' }).status !== 0) missing.push(pkg);
  return missing;
}

export function ensureCodeServer(log = (s) => process.stderr.write(s + '\n')) {
  if (existsSync(codeServerBin)) return codeServerBin;
  const missing = missingDebianPackages();
  if (missing.length) {
    throw new Error(`code-server needs Debian packages that are missing: ${missing.join(' ')}\n  install them with: apt-get update && apt-get install -y ${missing.join(' ')}`);
  }
  log(`installing code-server ${CODE_SERVER_VERSION} into ${installDir} (once; about a minute)…`);
  const tmp = join(cacheRoot, 'tmp');
  const rgCache = join(tmp, `vscode-ripgrep-cache-${RIPGREP.pkg}`);
  mkdirSync(rgCache, { recursive: true });
  const rgDir = mkdtempSync(join(tmp, 'rg-'));
  spawnSync('cp', [spawnSync('sh', ['-c', 'command -v rg'], { encoding: 'utf8' }).stdout.trim(), join(rgDir, 'rg')]);
  const tar = spawnSync('tar', ['czf', join(rgCache, RIPGREP.asset), '-C', rgDir, 'rg']);
  if (tar.status !== 0) throw new Error(`could not pack ripgrep: ${tar.stderr}`);
  rmSync(installDir, { recursive: true, force: true });
  mkdirSync(installDir, { recursive: true });
  writeFileSync(join(installDir, 'package.json'), JSON.stringify({ name: 'code-server-cache', private: true }));
  const env = { ...process.env, TMPDIR: tmp, npm_config_unsafe_perm: 'true', npm_config_yes: 'true', npm_config_update_notifier: 'false' };
  const r = spawnSync('npm', ['install', '--no-audit', '--no-fund', '--no-save', `code-server@${CODE_SERVER_VERSION}`], { cwd: installDir, env, encoding: 'utf8' });
  if (r.status !== 0 || !existsSync(codeServerBin)) {
    writeFileSync(join(cacheRoot, 'code-server-install.log'), `${r.stdout}\n${r.stderr}`);
    rmSync(installDir, { recursive: true, force: true });
    throw new Error(`installing code-server failed (exit ${r.status}); log: ${join(cacheRoot, 'code-server-install.log')}`);
  }
  log('code-server installed');
  return codeServerBin;
}

export function freePort() {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

/**
 * Starts code-server on 127.0.0.1 with throwaway config, user-data and extensions folders.
 * Returns { url, port, stop() }; stop() ends the whole process group.
 */
export async function startCodeServer({ workspace, extensionsDir, port, env = {}, log = () => {} } = {}) {
  const bin = ensureCodeServer();
  const p = port ?? (await freePort());
  const scratch = mkdtempSync(join(tmpdir(), 'le-code-server-'));
  const ext = extensionsDir ?? join(scratch, 'extensions');
  mkdirSync(ext, { recursive: true });
  writeFileSync(join(scratch, 'config.yaml'), 'auth: none\ncert: false\n');
  const args = [
    bin, '--bind-addr', `127.0.0.1:${p}`, '--auth', 'none', '--disable-telemetry', '--disable-update-check',
    '--disable-workspace-trust', '--config', join(scratch, 'config.yaml'), '--user-data-dir', join(scratch, 'user-data'),
    '--extensions-dir', ext, ...(workspace ? [workspace] : []),
  ];
  const child = spawn(process.execPath, args, { env: { ...process.env, ...env }, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const collect = (d) => {
    output += d;
    log(String(d));
  };
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  const url = `http://127.0.0.1:${p}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`code-server exited with ${child.exitCode}:\n${output}`);
    try {
      const res = await fetch(`${url}/healthz`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`code-server did not start within 60 s:\n${output}`);
    await new Promise((r) => setTimeout(r, 250));
  }
  const stop = () => {
    child.stdout.destroy();
    child.stderr.destroy();
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      // already gone
    }
    setTimeout(() => {
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }, 2000).unref();
    rmSync(scratch, { recursive: true, force: true, maxRetries: 3 });
  };
  return { url, port: p, stop, output: () => output };
}

if (process.argv[1] === fileURLToPath(import.meta.url) && process.argv[2] === 'install') {
  try {
    console.log(ensureCodeServer());
  } catch (err) {
    console.error(String(err.message ?? err));
    process.exit(1);
  }
}
