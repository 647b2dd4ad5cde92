// Export Latents through the real host: latentExplorer.exportLatents with (model, output[, dataset]) — what tests
// and other extensions pass instead of answering the pickers — runs in a job process and writes each format; a
// wrong extension is refused with a message naming the file, and nothing is written. The pickers themselves are
// the command palette's (VS Code's own QuickPick and save dialog).
import * as assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { tempDir } from '../../helpers/tempDir';

const EXTENSION_ID = 'latent-explorer.latent-explorer';

describe('Export Latents in a real VS Code host', () => {
  let modelDir = '';
  let ws = '';

  before(async () => {
    ws = process.env.LE_TEST_WORKSPACE ?? '';
    assert.ok(ws, 'LE_TEST_WORKSPACE must be set by the test runner');
    await vscode.extensions.getExtension(EXTENSION_ID)?.activate();
    modelDir = path.join(tempDir('le-host-export-'), 'model');
    const r = (await vscode.commands.executeCommand('latentExplorer.trainOnFolder', vscode.Uri.file(ws), { epochs: 1, limit: 64, latentDim: 3, hidden: [8], batchSize: 16, modelDir })) as { status: string };
    assert.equal(r.status, 'completed');
  });

  it('is registered, and exports the model\'s own dataset as CSV, NPY + labels and the Projector pair', async () => {
    assert.ok((await vscode.commands.getCommands(true)).includes('latentExplorer.exportLatents'));
    const out = tempDir('le-host-export-out-');
    const manifest = JSON.parse(readFileSync(path.join(modelDir, 'manifest.json'), 'utf8'));
    const n = manifest.dataset.count as number;
    const csv = (await vscode.commands.executeCommand('latentExplorer.exportLatents', vscode.Uri.file(modelDir), vscode.Uri.file(path.join(out, 'z.csv')))) as {
      status: string; files: string[]; count: number; latentDim: number;
    };
    assert.deepEqual(csv, { status: 'written', format: 'csv', files: [path.join(out, 'z.csv')], count: n, latentDim: 3 });
    const lines = readFileSync(path.join(out, 'z.csv'), 'utf8').trimEnd().split('\n');
    assert.equal(lines[0], 'path,label,mu_0,mu_1,mu_2,sigma_0,sigma_1,sigma_2');
    assert.equal(lines.length, n + 1);
    assert.match(lines[1], /^(left|right)\/\d+\.png,(left|right),/);

    const npy = (await vscode.commands.executeCommand('latentExplorer.exportLatents', vscode.Uri.file(modelDir), vscode.Uri.file(path.join(out, 'z.npy')), vscode.Uri.file(ws))) as { files: string[] };
    assert.deepEqual(npy.files, [path.join(out, 'z.npy'), path.join(out, 'z.labels.json')]);
    const labels = JSON.parse(readFileSync(path.join(out, 'z.labels.json'), 'utf8'));
    assert.equal(labels.paths.length, n);
    assert.equal(readFileSync(path.join(out, 'z.npy')).length, 128 + n * 3 * 4, 'a 128-byte header and N×3 float32');

    const tsv = (await vscode.commands.executeCommand('latentExplorer.exportLatents', vscode.Uri.file(modelDir), vscode.Uri.file(path.join(out, 'p.tsv')))) as { files: string[] };
    assert.deepEqual(tsv.files, [path.join(out, 'p.tsv'), path.join(out, 'p.metadata.tsv')]);
    assert.equal(readFileSync(path.join(out, 'p.metadata.tsv'), 'utf8').split('\n')[0], 'path\tlabel');
  });

  it('refuses an output with an unknown extension, naming it, and writes nothing', async () => {
    const bad = path.join(tempDir('le-host-export-bad-'), 'z.txt');
    await assert.rejects(Promise.resolve(vscode.commands.executeCommand('latentExplorer.exportLatents', vscode.Uri.file(modelDir), vscode.Uri.file(bad))), /z\.txt: the file name must end in \.csv, \.npy or \.tsv/);
    assert.equal(existsSync(bad), false);
  });
});
