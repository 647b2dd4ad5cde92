// Import ONNX Model… in a real VS Code host: a PyTorch-exported encoder and decoder (test/fixtures/onnx, 8×8 gray,
// latent 3) imported with the command's arguments instead of its pickers, opened like one of ours, used by Encode
// Image and evaluated; a decoder of the wrong shape is refused with the reason and leaves nothing behind.
import * as assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { tempDir } from '../../helpers/tempDir';

const EXTENSION_ID = 'latent-explorer.latent-explorer';

describe('Import ONNX Model in a real VS Code host', () => {
  it('imports a PyTorch-exported VAE, opens it, encodes an image with it and evaluates it; refuses a decoder of the wrong shape', async () => {
    const ws = process.env.LE_TEST_WORKSPACE;
    assert.ok(ws, 'LE_TEST_WORKSPACE must be set by the test runner');
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension);
    await extension.activate();
    const fixtures = path.join(extension.extensionPath, 'test', 'fixtures', 'onnx');
    const out = path.join(tempDir('le-host-onnx-'), 'imported');
    const args = { encoder: path.join(fixtures, 'enc.onnx'), decoder: path.join(fixtures, 'dec.onnx'), out, likelihood: 'bernoulli', layout: 'nchw', decoderOutput: 'logits', data: ws };
    const modelDir = (await vscode.commands.executeCommand('latentExplorer.importOnnx', args)) as string;
    assert.equal(modelDir, out);
    const manifest = JSON.parse(readFileSync(path.join(out, 'manifest.json'), 'utf8'));
    assert.ok(manifest.onnx, 'the manifest references the imported files');
    assert.deepEqual(manifest.model.inputShape, [8, 8, 1]);
    // imported with data: measured there, so the panel has KL per dimension for a model without epochs
    assert.equal(manifest.evaluation?.klPerDim?.length, 3, 'the import measured KL per dimension on the data');
    assert.equal(manifest.evaluation?.iwaeK, null);
    const r = (await vscode.commands.executeCommand('latentExplorer.encodeImage', vscode.Uri.file(path.join(ws, 'left', '0.png')))) as { modelDir: string; mu: number[] };
    assert.equal(r.modelDir, out);
    assert.equal(r.mu.length, 3);
    const m = (await vscode.commands.executeCommand('latentExplorer.evaluateModel', vscode.Uri.file(out))) as { negElbo: number; iwaeNll: number };
    assert.ok(Number.isFinite(m.negElbo) && m.iwaeNll <= m.negElbo + 1, `IWAE ${m.iwaeNll} vs −ELBO ${m.negElbo}`);

    const refused = path.join(tempDir('le-host-onnx-bad-'), 'bad');
    await assert.rejects(
      Promise.resolve(vscode.commands.executeCommand('latentExplorer.importOnnx', { ...args, decoder: path.join(fixtures, 'dec_10x10.onnx'), out: refused })),
      /dec_10x10\.onnx: output "logits" has shape \[2, 1, 10, 10\]; expected \[2, 1, 8, 8\]/,
    );
    assert.equal(existsSync(refused), false, 'nothing is written for a refused import');
  });
});
