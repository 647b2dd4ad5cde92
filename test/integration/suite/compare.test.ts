// Compare Models… and Open Saved Edit… in a real VS Code host: the compare panel opens for two trained models
// (its page loads under the CSP and says ready), the same pair reveals it instead of opening another, and a folder
// that is not a model is refused naming it; a saved edit reopens its model and image, a corrupt one is refused.
import * as assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { tempDir } from '../../helpers/tempDir';

const EXTENSION_ID = 'latent-explorer.latent-explorer';

function tabsOf(viewType: string): vscode.Tab[] {
  return vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.includes(viewType));
}

// Polls a condition the host has no event for; the bound only turns mocha's timeout into a message naming what.
async function waitFor(what: string, cond: () => boolean, ms = 150_000): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) assert.fail(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('Compare Models and saved edits in a real VS Code host', () => {
  const dirs = { a: '', b: '' };
  let ws = '';

  before(async () => {
    ws = process.env.LE_TEST_WORKSPACE ?? '';
    assert.ok(ws, 'LE_TEST_WORKSPACE must be set by the test runner');
    await vscode.extensions.getExtension(EXTENSION_ID)?.activate();
    const root = tempDir('le-host-compare-');
    for (const [name, latentDim] of [['a', 3], ['b', 4]] as const) {
      dirs[name] = path.join(root, name);
      const r = (await vscode.commands.executeCommand('latentExplorer.trainOnFolder', vscode.Uri.file(ws), { epochs: 1, limit: 32, latentDim, hidden: [8], batchSize: 8, modelDir: dirs[name] })) as { status: string };
      assert.equal(r.status, 'completed');
    }
  });

  it('Compare Models… opens one panel for two models, whose page loads and says ready; a non-model folder is refused', async () => {
    const before = tabsOf('latentExplorer.compare').length;
    const panel = (await vscode.commands.executeCommand('latentExplorer.compareModels', vscode.Uri.file(dirs.a), vscode.Uri.file(dirs.b))) as { whenReady: Promise<void>; panel: vscode.WebviewPanel };
    assert.equal(panel.panel.title, 'Compare: a and b');
    await waitFor('the compare panel', () => tabsOf('latentExplorer.compare').length === before + 1);
    // The page's ready message is an event: wait for it under mocha's timeout, not a clock of our own (a busy machine
    // took over 20 s to load the page once).
    await panel.whenReady;
    const again = await vscode.commands.executeCommand('latentExplorer.compareModels', vscode.Uri.file(dirs.a), vscode.Uri.file(dirs.b));
    assert.equal(again, panel, 'the same pair reveals its panel');
    assert.equal(tabsOf('latentExplorer.compare').length, before + 1);
    await assert.rejects(Promise.resolve(vscode.commands.executeCommand('latentExplorer.compareModels', vscode.Uri.file(dirs.a), vscode.Uri.file(ws))), (err: Error) => err.message.includes(ws));
    panel.panel.dispose();
  });

  it('Open Saved Edit… reopens the model and encodes the source image; a corrupt edit file is refused naming it', async () => {
    const folder = tempDir('le-host-edit-');
    const file = path.join(folder, '0-edited.edit.json');
    const edit = { attribute: { from: 'left', to: 'right' }, strength: 1.5, code: [0.5, -0.5, 0], z: [1, 0, 0.25] };
    writeFileSync(file, JSON.stringify({ format: 'latent-explorer-edit/1', modelDir: dirs.a, sourceImage: path.join(ws, 'left', '0.png'), edit }));
    assert.equal(await vscode.commands.executeCommand('latentExplorer.openSavedEdit', vscode.Uri.file(file)), true);
    await waitFor('the model panel of the edit', () => tabsOf('latentExplorer.model').some((t) => t.label === 'VAE: a'));
    const bad = path.join(folder, 'bad.edit.json');
    writeFileSync(bad, JSON.stringify({ format: 'latent-explorer-edit/1', modelDir: dirs.a, sourceImage: 'x.png', edit: { ...edit, strength: 9 } }));
    await assert.rejects(Promise.resolve(vscode.commands.executeCommand('latentExplorer.openSavedEdit', vscode.Uri.file(bad))), (err: Error) => err.message.includes('bad.edit.json') && /strength/.test(err.message));
  });
});
