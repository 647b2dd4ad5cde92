// The smoke path against the extension as a user has it: installed from a .vsix into code-server's extensions folder
// (test/integration/vsix.test.ts does that and loads this module as extensionTestsPath; the package carries no tests).
// Activate, open a model, encode an image; and check that what ran is the installed copy, not the repository.
// Prints one line per step ("[installed] ✓ step" / "[installed] ✗ step :: error") and "[installed] done" last.
import * as assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';

const EXTENSION_ID = 'latent-explorer.latent-explorer';

function env(name: string): string {
  const v = process.env[name];
  assert.ok(v, `${name} must be set by the test runner`);
  return v;
}

function modelPanelOpen(): boolean {
  return vscode.window.tabGroups.all.flatMap((g) => g.tabs).some((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.includes('latentExplorer.model'));
}

/** Command lines of this extension host's child processes (Linux: /proc). */
function childCommandLines(): string[] {
  const out: string[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      // "pid (comm) state ppid …": the command name may hold spaces, so read after its closing parenthesis
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid === process.pid) out.push(readFileSync(`/proc/${name}/cmdline`, 'utf8').split('\0').join(' '));
    } catch {
      // the process ended while we looked
    }
  }
  return out;
}

/** The workbench opens panels asynchronously: poll (the outer runner bounds the whole run). */
async function until(what: string, cond: () => boolean, ms = 60_000): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) assert.fail(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const steps: [string, () => Promise<void>][] = [
  [
    'the extension is the installed copy: in the extensions folder, no sources, no node_modules',
    async () => {
      const ext = vscode.extensions.getExtension(EXTENSION_ID);
      assert.ok(ext, `${EXTENSION_ID} is installed`);
      const installRoot = env('LE_INSTALL_ROOT');
      assert.ok(ext.extensionPath.startsWith(installRoot + path.sep), `extensionPath ${ext.extensionPath} is under ${installRoot}`);
      assert.ok(!ext.extensionPath.startsWith(env('LE_REPO') + path.sep), `extensionPath ${ext.extensionPath} is not in the repository`);
      for (const absent of ['src', 'test', 'node_modules', 'native']) assert.ok(!existsSync(path.join(ext.extensionPath, absent)), `${absent}/ is not installed`);
      const native = existsSync(path.join(ext.extensionPath, 'dist', 'kernels.node'));
      assert.equal(native, process.env.LE_EXPECT_NATIVE === '1', `dist/kernels.node ${native ? 'is' : 'is not'} in this package`);
    },
  ],
  [
    'activates and registers its commands',
    async () => {
      const ext = vscode.extensions.getExtension(EXTENSION_ID)!;
      await ext.activate();
      assert.ok(ext.isActive);
      const commands = await vscode.commands.getCommands(true);
      for (const c of ['latentExplorer.trainOnFolder', 'latentExplorer.openModel', 'latentExplorer.encodeImage']) assert.ok(commands.includes(c), `${c} is registered`);
    },
  ],
  [
    'opens the model in its panel',
    async () => {
      assert.equal(await vscode.commands.executeCommand('latentExplorer.openModel', vscode.Uri.file(env('LE_MODEL_DIR'))), true);
      await until('the model panel', modelPanelOpen);
    },
  ],
  [
    "encodes an image: a latent of the model's size, computed by the installed job process",
    async () => {
      const r = (await vscode.commands.executeCommand('latentExplorer.encodeImage', vscode.Uri.file(env('LE_IMAGE')))) as
        | { modelDir: string; mu: number[]; logvar: number[]; reconError: number }
        | undefined;
      assert.ok(r, 'Encode Image returned a result');
      assert.equal(r.modelDir, env('LE_MODEL_DIR'));
      assert.equal(r.mu.length, Number(env('LE_LATENT')));
      assert.equal(r.logvar.length, Number(env('LE_LATENT')));
      assert.ok(r.mu.every(Number.isFinite) && Number.isFinite(r.reconError), `finite results: ${JSON.stringify(r)}`);
      // the panel's job process serves the encoding and stays while the panel is open
      const worker = path.join(vscode.extensions.getExtension(EXTENSION_ID)!.extensionPath, 'dist', 'worker.js');
      const children = childCommandLines();
      assert.ok(children.some((c) => c.includes(worker)), `a job process runs ${worker}; children: ${children.join(' | ')}`);
    },
  ],
];

export async function run(): Promise<void> {
  let failures = 0;
  try {
    for (const [title, body] of steps) {
      try {
        await body();
        console.log(`[installed] ✓ ${title}`);
      } catch (err) {
        failures++;
        console.log(`[installed] ✗ ${title} :: ${String((err as Error)?.message ?? err).replace(/\n/g, ' ')}`);
        break; // each step needs the one before it
      }
    }
  } finally {
    console.log(`[installed] done`);
  }
  if (failures) throw new Error('the smoke path failed in the installed extension');
}
