// Settings are checked by the one validator before anything trains: an out-of-range value in settings.json is
// refused with a message naming the setting, not trained on (which used to leave checkpoints that the
// extension then refused to open).
import * as assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';

const EXTENSION_ID = 'latent-explorer.latent-explorer';

/** Tabs whose label names `modelDir`: training opens the model's panel (titled "VAE: <folder name>") at once. */
function panelsFor(modelDir: string): number {
  return vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.label.includes(path.basename(modelDir))).length;
}

function listing(dir: string): string[] {
  return existsSync(dir) ? readdirSync(dir).sort() : [];
}

describe('Settings in a real VS Code host', () => {
  it('refuses latentExplorer.beta = -1 in settings.json, naming the setting, before anything trains', async () => {
    const ws = process.env.LE_TEST_WORKSPACE;
    assert.ok(ws, 'LE_TEST_WORKSPACE must be set by the test runner');
    await vscode.extensions.getExtension(EXTENSION_ID)?.activate();
    const scratch = mkdtempSync(path.join(tmpdir(), 'le-config-'));
    const modelDir = path.join(scratch, 'refused-beta-model');
    const defaultModels = path.join(ws, '.latent-explorer', 'models');
    const modelsBefore = listing(defaultModels);
    const settings = vscode.workspace.getConfiguration('latentExplorer');
    await settings.update('beta', -1, vscode.ConfigurationTarget.Workspace);
    try {
      assert.equal(vscode.workspace.getConfiguration('latentExplorer').get('beta'), -1, 'the workspace setting is in effect');
      // a tiny run: were the setting not refused, this would train for real and write modelDir
      const overrides = { epochs: 1, limit: 16, latentDim: 2, hidden: [8], batchSize: 8, modelDir };
      await assert.rejects(Promise.resolve(vscode.commands.executeCommand('latentExplorer.trainOnFolder', vscode.Uri.file(ws), overrides)), (err: unknown) => {
        assert.equal((err as Error).message, 'Setting latentExplorer.beta is -1; it must be a number ≥ 0. Fix it in settings.json.');
        return true;
      });
      assert.equal(existsSync(modelDir), false, 'no model folder is written');
      assert.deepEqual(listing(defaultModels), modelsBefore, 'nothing new in the default models folder either');
      // a panel still settling from an earlier test must not count, so only this run's panel is looked for
      assert.equal(panelsFor(modelDir), 0, 'no training panel opened: training never started');
    } finally {
      await settings.update('beta', undefined, vscode.ConfigurationTarget.Workspace);
      rmSync(scratch, { recursive: true, force: true });
    }
    assert.equal(vscode.workspace.getConfiguration('latentExplorer').get('beta'), 1, 'the setting is restored');
  });
});
