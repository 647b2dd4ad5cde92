// Model variants through the real host: a conditional VAE trained by latentExplorer.trainOnFolder with overrides
// (what tests and other extensions pass instead of picking a preset), and the presets' customise boxes checked by
// the one validator. The QuickPick itself is driven by the user-path test (test/integration/userPath.test.ts).
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { PRESETS, presetDetail, readCustomValue } from '../../../src/extension/presets';
import { tempDir } from '../../helpers/tempDir';

const EXTENSION_ID = 'latent-explorer.latent-explorer';

describe('Model variants in a real VS Code host', () => {
  it('trains a conditional VAE through latentExplorer.trainOnFolder with overrides, naming the variant and labels in the manifest', async () => {
    const ws = process.env.LE_TEST_WORKSPACE;
    assert.ok(ws, 'LE_TEST_WORKSPACE must be set by the test runner');
    await vscode.extensions.getExtension(EXTENSION_ID)?.activate();
    const modelDir = path.join(tempDir('le-host-cvae-'), 'cvae');
    const overrides = { model: 'cvae', epochs: 2, limit: 32, latentDim: 2, hidden: [8], batchSize: 8, modelDir };
    const result = (await vscode.commands.executeCommand('latentExplorer.trainOnFolder', vscode.Uri.file(ws), overrides)) as { status: string; epochs: unknown[] };
    assert.equal(result.status, 'completed');
    assert.equal(result.epochs.length, 2);
    const manifest = JSON.parse(readFileSync(path.join(modelDir, 'manifest.json'), 'utf8'));
    assert.equal(manifest.model.model, 'cvae');
    // the tiny workspace has two subfolders: left and right
    assert.deepEqual(manifest.model.labels, ['left', 'right']);
    assert.equal(manifest.weights.specs[0].shape[0], 8 * 8 + 2, 'the encoder reads the image and the one-hot label');
  });

  it('trains a conv VAE through the host, then opens, encodes with and evaluates it', async () => {
    const ws = process.env.LE_TEST_WORKSPACE;
    assert.ok(ws, 'LE_TEST_WORKSPACE must be set by the test runner');
    await vscode.extensions.getExtension(EXTENSION_ID)?.activate();
    const modelDir = path.join(tempDir('le-host-conv-'), 'conv');
    const overrides = { net: 'conv', epochs: 1, limit: 32, latentDim: 2, hidden: [8], batchSize: 8, modelDir };
    const result = (await vscode.commands.executeCommand('latentExplorer.trainOnFolder', vscode.Uri.file(ws), overrides)) as { status: string };
    assert.equal(result.status, 'completed');
    const manifest = JSON.parse(readFileSync(path.join(modelDir, 'manifest.json'), 'utf8'));
    assert.equal(manifest.model.net, 'conv');
    // 8×8 images: one stride-2 stage, 8×8×1 → 4×4×32, mirrored by a transposed convolution in the decoder
    const specs = manifest.weights.specs as { name: string; shape: number[] }[];
    const shapeOf = (name: string) => specs.find((s) => s.name === name)?.shape;
    assert.equal(shapeOf('encoder/conv0/kernel')?.length, 4, specs.map((s) => s.name).join(', '));
    assert.equal(shapeOf('decoder/out/kernel')?.length, 4, 'the decoder ends in a transposed convolution');
    assert.equal(await vscode.commands.executeCommand('latentExplorer.openModel', vscode.Uri.file(modelDir)), true);
    const r = (await vscode.commands.executeCommand('latentExplorer.encodeImage', vscode.Uri.file(path.join(ws, 'left', '0.png')))) as { mu: number[]; reconError: number };
    assert.equal(r.mu.length, 2);
    assert.ok(Number.isFinite(r.reconError));
    const m = (await vscode.commands.executeCommand('latentExplorer.evaluateModel', vscode.Uri.file(modelDir))) as { negElbo: number; iwaeNll: number };
    assert.ok(Number.isFinite(m.negElbo) && m.iwaeNll <= m.negElbo + 1, `IWAE ${m.iwaeNll} vs −ELBO ${m.negElbo}`);
  });

  it('trains a VQ-VAE through the host (the VQ-VAE preset’s overrides; the code prior from its settings), records codebook use per epoch, opens, encodes with and evaluates it', async () => {
    const ws = process.env.LE_TEST_WORKSPACE;
    assert.ok(ws, 'LE_TEST_WORKSPACE must be set by the test runner');
    await vscode.extensions.getExtension(EXTENSION_ID)?.activate();
    const modelDir = path.join(tempDir('le-host-vq-'), 'vq');
    const overrides = { ...PRESETS.find((p) => p.label === 'VQ-VAE')!.overrides, codebookSize: 8, codeDim: 4, epochs: 2, limit: 32, batchSize: 8, modelDir };
    // the preset leaves the prior over codes to the settings (latentExplorer.codePrior 'ar' by default): a small one here
    const settings = vscode.workspace.getConfiguration('latentExplorer');
    await settings.update('codePriorHidden', 16, vscode.ConfigurationTarget.Workspace);
    await settings.update('codePriorEpochs', 3, vscode.ConfigurationTarget.Workspace);
    let result: { status: string; codePrior?: string; epochs: { codebook?: { used: number; counts: number[] } }[] };
    try {
      result = (await vscode.commands.executeCommand('latentExplorer.trainOnFolder', vscode.Uri.file(ws), overrides)) as typeof result;
    } finally {
      await settings.update('codePriorHidden', undefined, vscode.ConfigurationTarget.Workspace);
      await settings.update('codePriorEpochs', undefined, vscode.ConfigurationTarget.Workspace);
    }
    assert.equal(result.status, 'completed');
    assert.equal(result.codePrior, 'fitted');
    const manifest = JSON.parse(readFileSync(path.join(modelDir, 'manifest.json'), 'utf8'));
    assert.deepEqual([manifest.model.model, manifest.model.codebookSize, manifest.model.codeDim, manifest.model.ema], ['vqvae', 8, 4, false]);
    assert.deepEqual([manifest.model.codePrior, manifest.model.codePriorHidden, manifest.model.codePriorEpochs, manifest.codePrior.epochs], ['ar', 16, 3, 3]);
    // 8×8 images: one stage to a 4×4 grid of 4-dim vectors, the codebook 8×4
    assert.equal(manifest.model.latentDim, 4 * 4 * 4);
    assert.deepEqual((manifest.weights.specs as { name: string; shape: number[] }[]).find((s) => s.name === 'vq/codebook')?.shape, [8, 4]);
    const usage = manifest.epochs.at(-1).codebook as { used: number; counts: number[] };
    assert.equal(usage.counts.length, 8);
    assert.ok(usage.used >= 1 && usage.used <= 8);
    assert.equal(await vscode.commands.executeCommand('latentExplorer.openModel', vscode.Uri.file(modelDir)), true);
    const r = (await vscode.commands.executeCommand('latentExplorer.encodeImage', vscode.Uri.file(path.join(ws, 'left', '0.png')))) as { mu: number[]; reconError: number };
    assert.equal(r.mu.length, 64, 'the quantised grid');
    assert.ok(Number.isFinite(r.reconError));
    const m = (await vscode.commands.executeCommand('latentExplorer.evaluateModel', vscode.Uri.file(modelDir))) as { negElbo: number; recon: number; iwaeNll: number | null; codebook?: { perplexity: number } };
    // no IWAE for a VQ-VAE; its bound is recon + 16 cells · log 8
    assert.equal(m.iwaeNll, null);
    assert.ok(Math.abs(m.negElbo - (m.recon + 16 * Math.log(8))) < 1e-6 * m.negElbo);
    assert.ok(m.codebook && m.codebook.perplexity >= 1);
  });

  it('offers the presets, and the customise boxes refuse what the validator refuses, naming the box', () => {
    assert.deepEqual(PRESETS.map((p) => p.label), ['MLP VAE', 'Conv VAE', 'Conditional VAE', 'IWAE', 'VQ-VAE', 'VAE-GAN', 'VAE + VampPrior', 'VAE + IAF', 'VAE + PixelCNN decoder', 'β-VAE (β = 4)']);
    const vq = PRESETS.find((p) => p.label === 'VQ-VAE')!;
    assert.deepEqual(vq.overrides, { model: 'vqvae', net: 'conv' });
    // its line states the prior the run will fit, as the settings choose it
    assert.match(presetDetail(vq, {}), /autoregressive prior over the code grids \(a MADE\), fitted for 10 epochs after training/);
    assert.match(presetDetail(vq, { codePrior: 'ar', codePriorEpochs: 4 }), /fitted for 4 epochs/);
    assert.match(presetDetail(vq, { codePrior: 'uniform' }), /every cell drawn uniformly from the K codes/);
    assert.equal(presetDetail(PRESETS[0], { codePrior: 'uniform' }), PRESETS[0].detail);
    assert.deepEqual(readCustomValue('codePrior', 'Prior', 'uniform'), { value: 'uniform' });
    assert.match((readCustomValue('codePrior', 'Prior', 'made') as { error: string }).error, /^Prior is made; it must be one of ar, uniform/);
    assert.match((readCustomValue('codebookSize', 'K', '1') as { error: string }).error, /^K is 1; it must be an integer from 2 to 4096/);
    assert.deepEqual(PRESETS.find((p) => p.label.startsWith('β'))?.overrides, { model: 'vae', beta: 4 });
    assert.deepEqual(readCustomValue('epochs', 'Epochs', '0'), { error: 'Epochs is 0; it must be an integer ≥ 1' });
    assert.deepEqual(readCustomValue('epochs', 'Epochs', '12'), { value: 12 });
    assert.deepEqual(readCustomValue('klSchedule', 'KL schedule', 'cyclical'), { value: 'cyclical' });
    assert.match((readCustomValue('iwaeK', 'k', '0') as { error: string }).error, /^k is 0; it must be an integer from 1 to 1000/);
  });
});
