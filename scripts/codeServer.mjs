// code-server (a real VS Code server, installable from npm) for the integration tests and `npm start`.
// @vscode/test-electron cannot work on a machine whose only network is the npm registry: it downloads VS Code.
// It is installed on demand into a cache folder, never into package.json's dependencies (users with VS Code do
// not need 300 MB of it).
//   node scripts/codeServer.mjs install      installs into the cache (a no-op when the pinned version is there)
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { arch, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

// 4.100.x is the last line whose engines.node is 20; it bundles VS Code 1.100.3 (hence engines.vscode ^1.100.0).
export const CODE_SERVER_VERSION = '4.100.3';
// code-server 4.100.3 pins @vscode/ripgrep 1.15.11 (lib/vscode/npm-shrinkwrap.json), whose postinstall downloads
// rg from GitHub unless `${os.tmpdir()}/vscode-ripgrep-cache-1.15.11/ripgrep-v13.0.0-10-<target>.tar.gz` exists
// (lib/download.js); we put Debian's rg there.
const RIPGREP_PKG = '1.15.11';
const RIPGREP_TARGETS = { x64: 'x86_64-unknown-linux-musl', arm64: 'aarch64-unknown-linux-musl' };
const DEBIAN_COMMANDS = { rg: 'ripgrep', chromium: 'chromium' };
// node-pty and the keytar/kerberos modules build from source during the install
const DEBIAN_HEADERS = ['libkrb5-dev', 'libx11-dev', 'libxkbfile-dev', 'libsecret-1-dev', 'pkg-config'];

const repo = join(dirname(fileURLToPath(import.meta.url)), '..');
export const cacheRoot = process.env.LATENT_EXPLORER_CACHE || join(repo, '.vscode-test');
const installDir = join(cacheRoot, 'code-server');
const packageDir = join(installDir, 'node_modules', 'code-server');
export const codeServerBin = join(packageDir, 'out', 'node', 'entry.js');
// written last, so an install killed half-way is not mistaken for a complete one
const doneMarker = join(installDir, 'installed.json');
const lockDir = join(cacheRoot, 'code-server.lock');

function sleepSync(ms) {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

function installedVersion() {
  try {
    if (!existsSync(doneMarker) || !existsSync(codeServerBin)) return null;
    return JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')).version;
  } catch {
    return null;
  }
}

/** Debian packages the install or the tests need that are not on this machine. */
export function missingDebianPackages() {
  const missing = [];
  for (const [cmd, pkg] of Object.entries(DEBIAN_COMMANDS)) {
    if (spawnSync('sh', ['-c', `command -v ${cmd}`]).status !== 0) missing.push(pkg);
  }
  for (const pkg of DEBIAN_HEADERS) {
    if (spawnSync('dpkg', ['-s', pkg], { stdio: 'ignore' }).status !== 0) missing.push(pkg);
  }
  return missing;
}

function processAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * One installer at a time: test files run in parallel processes and would otherwise install into the same
 * folder at once. A lock left by a killed process (its pid is gone) is taken over.
 */
function withInstallLock(log, body) {
  mkdirSync(cacheRoot, { recursive: true });
  let waiting = false;
  for (;;) {
    try {
      mkdirSync(lockDir);
      writeFileSync(join(lockDir, 'pid'), String(process.pid));
      break;
    } catch (err) {
      if (err.code !== 'EEXIST') throw err;
      let owner = NaN;
      try {
        owner = Number(readFileSync(join(lockDir, 'pid'), 'utf8'));
      } catch {
        // the owner is between mkdir and writing its pid
      }
      if (Number.isInteger(owner) && owner > 0 && !processAlive(owner)) {
        rmSync(lockDir, { recursive: true, force: true });
        continue;
      }
      if (!waiting) log(`waiting for another process installing code-server (${lockDir})…`);
      waiting = true;
      sleepSync(1000);
    }
  }
  try {
    return body();
  } finally {
    rmSync(lockDir, { recursive: true, force: true });
  }
}

/** Environment for the nested npm: as if run by hand, not inherited from an outer `npm test`/`npm start`. */
function installEnv(tmp) {
  const env = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (/^npm_(package|lifecycle)_/.test(k) || k === 'npm_config_local_prefix' || k === 'npm_package_json') continue;
    env[k] = v;
  }
  return {
    ...env,
    TMPDIR: tmp, // @vscode/ripgrep looks for its cached archive under os.tmpdir()
    npm_config_unsafe_perm: 'true', // code-server's postinstall refuses to run as root without it
    npm_config_yes: 'true', // node-pty's postinstall runs `npx node-gyp`, which would wait for a prompt
    npm_config_update_notifier: 'false',
    npm_config_fund: 'false',
    npm_config_audit: 'false',
    // npm 11 warns about unreviewed install scripts; a strict setting would make the nested installs fail
    npm_config_strict_allow_scripts: 'false',
  };
}

function seedRipgrep(tmp) {
  const target = RIPGREP_TARGETS[arch()];
  if (!target) throw new Error(`no ripgrep archive name known for CPU ${arch()} (known: ${Object.keys(RIPGREP_TARGETS).join(', ')})`);
  const rg = spawnSync('sh', ['-c', 'command -v rg'], { encoding: 'utf8' }).stdout.trim();
  const cache = join(tmp, `vscode-ripgrep-cache-${RIPGREP_PKG}`);
  mkdirSync(cache, { recursive: true });
  const staging = mkdtempSync(join(tmp, 'rg-'));
  copyFileSync(rg, join(staging, 'rg'));
  const tar = spawnSync('tar', ['czf', join(cache, `ripgrep-v13.0.0-10-${target}.tar.gz`), '-C', staging, 'rg'], { encoding: 'utf8' });
  rmSync(staging, { recursive: true, force: true });
  if (tar.status !== 0) throw new Error(`could not pack ${rg} for @vscode/ripgrep: ${tar.stderr}`);
}

/**
 * Installs code-server CODE_SERVER_VERSION into `${LATENT_EXPLORER_CACHE:-.vscode-test}/code-server/` unless that
 * version is already there; returns the path of its entry script (run it with `node`).
 */
export function ensureCodeServer(log = (s) => process.stderr.write(s + '\n')) {
  if (installedVersion() === CODE_SERVER_VERSION) return codeServerBin;
  const missing = missingDebianPackages();
  if (missing.length) {
    throw new Error(
      `code-server needs Debian packages that are missing: ${missing.join(' ')}\n` +
        `  install them with: sudo apt-get update && sudo apt-get install -y ${missing.join(' ')}   (.ci/run does this)`,
    );
  }
  return withInstallLock(log, () => {
    if (installedVersion() === CODE_SERVER_VERSION) return codeServerBin; // another process just finished
    log(`installing code-server ${CODE_SERVER_VERSION} into ${installDir} (once: about a minute and 300 MB)…`);
    const tmp = join(cacheRoot, 'tmp');
    mkdirSync(tmp, { recursive: true });
    seedRipgrep(tmp);
    rmSync(installDir, { recursive: true, force: true });
    mkdirSync(installDir, { recursive: true });
    // code-server's postinstall installs VS Code's own dependencies; argon2 (imported at start-up) builds from source
    writeFileSync(
      join(installDir, 'package.json'),
      JSON.stringify({ name: 'latent-explorer-code-server', private: true, dependencies: { 'code-server': CODE_SERVER_VERSION }, allowScripts: { 'code-server': true, argon2: true } }, null, 2),
    );
    const started = Date.now();
    const r = spawnSync('npm', ['install', '--no-audit', '--no-fund'], { cwd: installDir, env: installEnv(tmp), encoding: 'utf8', maxBuffer: 64 << 20 });
    const logFile = join(cacheRoot, 'code-server-install.log');
    writeFileSync(logFile, `${r.stdout ?? ''}\n${r.stderr ?? ''}`);
    const rgBin = join(packageDir, 'lib', 'vscode', 'node_modules', '@vscode', 'ripgrep', 'bin', 'rg');
    if (r.status !== 0 || !existsSync(codeServerBin) || !existsSync(rgBin)) {
      throw new Error(`installing code-server ${CODE_SERVER_VERSION} failed (npm exit ${r.status}); see ${logFile}`);
    }
    writeFileSync(doneMarker, JSON.stringify({ version: CODE_SERVER_VERSION, installedAt: new Date().toISOString() }));
    log(`code-server installed in ${Math.round((Date.now() - started) / 1000)} s`);
    return codeServerBin;
  });
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

function killGroup(pid, signal) {
  try {
    process.kill(-pid, signal);
  } catch {
    // the group is already gone
  }
}

/**
 * Starts code-server on 127.0.0.1 with throwaway config, user-data and extensions folders (code-server would
 * otherwise write ~/.config/code-server). Returns { url, port, stop() }; stop() ends its whole process group
 * (extension host, pty host, file watcher) and resolves once the server has exited; `exited` resolves with its
 * exit code when it ends for any reason. `locale`: the display language (code-server's --locale, e.g. 'ja');
 * `userDataDir`: a user-data folder prepared by the caller (default: a fresh one in the scratch folder).
 */
export async function startCodeServer({ workspace, extensionsDir, port, env = {}, locale, userDataDir, log = () => {} } = {}) {
  const bin = ensureCodeServer();
  const p = port ?? (await freePort());
  const scratch = mkdtempSync(join(tmpdir(), 'le-code-server-'));
  const ext = extensionsDir ?? join(scratch, 'extensions');
  mkdirSync(ext, { recursive: true });
  writeFileSync(join(scratch, 'config.yaml'), 'auth: none\ncert: false\n');
  const args = [
    bin, '--bind-addr', `127.0.0.1:${p}`, '--auth', 'none', '--disable-telemetry', '--disable-update-check',
    '--disable-workspace-trust', '--config', join(scratch, 'config.yaml'), '--user-data-dir', userDataDir ?? join(scratch, 'user-data'),
    '--extensions-dir', ext, ...(locale ? ['--locale', locale] : []), ...(workspace ? [workspace] : []),
  ];
  // its own process group, so stop() reaches the extension host and the other children too
  const child = spawn(process.execPath, args, { env: { ...process.env, ...env }, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  // a test runner that dies must not leave a server behind
  const onExit = () => killGroup(child.pid, 'SIGKILL');
  process.once('exit', onExit);
  let output = '';
  const collect = (d) => {
    output += d;
    log(String(d));
  };
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);

  let stopped;
  const stop = () => {
    stopped ??= (async () => {
      process.removeListener('exit', onExit);
      if (child.exitCode === null && child.signalCode === null) {
        killGroup(child.pid, 'SIGTERM');
        const timer = setTimeout(() => killGroup(child.pid, 'SIGKILL'), 3000);
        await exited;
        clearTimeout(timer);
      }
      // children that ignored SIGTERM after their parent left
      killGroup(child.pid, 'SIGKILL');
      child.stdout.destroy();
      child.stderr.destroy();
      rmSync(scratch, { recursive: true, force: true, maxRetries: 3 });
    })();
    return stopped;
  };

  const url = `http://127.0.0.1:${p}`;
  const deadline = Date.now() + 60_000;
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`code-server exited with ${child.exitCode}:\n${output}`);
      try {
        if ((await fetch(`${url}/healthz`)).ok) break;
      } catch {
        // not listening yet
      }
      if (Date.now() > deadline) throw new Error(`code-server did not answer on ${url} within 60 s:\n${output}`);
      await new Promise((r) => setTimeout(r, 250));
    }
  } catch (err) {
    await stop();
    throw err;
  }
  return { url, port: p, stop, output: () => output, exited };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  if (process.argv[2] !== 'install') {
    console.error('usage: node scripts/codeServer.mjs install');
    process.exit(2);
  }
  try {
    console.log(ensureCodeServer());
  } catch (err) {
    console.error(String(err?.message ?? err));
    process.exit(1);
  }
}
