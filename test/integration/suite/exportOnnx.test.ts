// Export Model as ONNX… in a real VS Code host: the command is contributed, runs in a job process on a model the host
// trained, writes the three files, and a refusal (a folder holding someone else's file) leaves that folder as it was.
import * as assert from 'node:assert/strict';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { tempDir } from '../../helpers/tempDir';

const EXTENSION_ID = 'latent-explorer.latent-explorer';

describe('ONNX export in a real VS Code host', () => {
  it('latentExplorer.exportOnnx writes encoder.onnx, decoder.onnx and latent-explorer.json, and refuses a folder that is not its own', async () => {
    const ws = process.env.LE_TEST_WORKSPACE;
    assert.ok(ws, 'LE_TEST_WORKSPACE must be set by the test runner');
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    await extension?.activate();
    const contributed = (extension?.packageJSON.contributes.commands as { command: string }[]).map((c) => c.command);
    assert.ok(contributed.includes('latentExplorer.exportOnnx'));
    assert.ok((await vscode.commands.getCommands(true)).includes('latentExplorer.exportOnnx'));

    const base = tempDir('le-host-onnx-');
    const modelDir = path.join(base, 'conv');
    const overrides = { net: 'conv', epochs: 1, limit: 32, latentDim: 2, hidden: [8], batchSize: 8, modelDir };
    const trained = (await vscode.commands.executeCommand('latentExplorer.trainOnFolder', vscode.Uri.file(ws), overrides)) as { status: string };
    assert.equal(trained.status, 'completed');

    const out = path.join(base, 'onnx');
    const reply = (await vscode.commands.executeCommand('latentExplorer.exportOnnx', vscode.Uri.file(modelDir), vscode.Uri.file(out))) as { outDir: string; files: { name: string; bytes: number }[] };
    assert.deepEqual(reply.files.map((f) => f.name), ['encoder.onnx', 'decoder.onnx', 'latent-explorer.json']);
    assert.deepEqual(readdirSync(out).sort(), ['decoder.onnx', 'encoder.onnx', 'latent-explorer.json']);
    const sidecar = JSON.parse(readFileSync(path.join(out, 'latent-explorer.json'), 'utf8'));
    assert.deepEqual([sidecar.likelihood, sidecar.layout, sidecar.decoderOutput, sidecar.source.net], ['bernoulli', 'nchw', 'logits', 'conv']);
    // a ModelProto starts with ir_version (field 1, varint): 0x08 0x07
    assert.deepEqual([...readFileSync(path.join(out, 'encoder.onnx')).subarray(0, 2)], [0x08, 0x07]);

    const busy = path.join(base, 'busy');
    mkdirSync(busy);
    writeFileSync(path.join(busy, 'mine.txt'), 'keep');
    await assert.rejects(
      Promise.resolve(vscode.commands.executeCommand('latentExplorer.exportOnnx', vscode.Uri.file(modelDir), vscode.Uri.file(busy))),
      /is not empty and holds mine\.txt/,
    );
    assert.deepEqual(readdirSync(busy), ['mine.txt']);
  });
});
