// Import ONNX Model…: a VAE trained elsewhere, from its encoder and decoder ONNX files (file pickers), the flags'
// choices as quick picks (likelihood, layout, decoder output), an optional dataset folder and the new model folder;
// a job process checks, tries and copies them (src/training/importOnnx.ts), then the model opens like ours.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { reportError, type CommandContext } from './commandContext';
import { openModel } from './commands';
import { runJob } from './jobProcess';
import { mayWrite } from './trust';

async function pickFile(title: string): Promise<string | undefined> {
  const picked = await vscode.window.showOpenDialog({ canSelectFiles: true, canSelectFolders: false, canSelectMany: false, title, filters: { ONNX: ['onnx'] } });
  return picked?.[0]?.fsPath;
}

async function pick<T extends string>(title: string, items: { value: T; label: string; detail: string }[]): Promise<T | undefined> {
  const chosen = await vscode.window.showQuickPick(items.map((i) => ({ label: i.label, detail: i.detail, value: i.value })), { title, ignoreFocusOut: true });
  return chosen?.value;
}

/** `args` skip the pickers (tests and other extensions): the files, the target and the flags' values. */
export interface ImportArgs {
  encoder: string;
  decoder: string;
  out: string;
  likelihood?: 'bernoulli' | 'gaussian' | 'laplace';
  layout?: 'nchw' | 'nhwc';
  decoderOutput?: 'logits' | 'probabilities' | 'mean';
  data?: string;
}

export async function importOnnxCommand(ctx: CommandContext, args?: ImportArgs): Promise<string | undefined> {
  const encoder = args?.encoder ?? (await pickFile(vscode.l10n.t('Encoder ONNX file (x → mu, logvar)')));
  if (!encoder) return undefined;
  const decoder = args?.decoder ?? (await pickFile(vscode.l10n.t('Decoder ONNX file (z → image)')));
  if (!decoder) return undefined;
  const likelihood = args?.likelihood ?? (await pick(vscode.l10n.t('Likelihood p(x|z) of the decoder'), [
    { value: 'bernoulli', label: 'Bernoulli', detail: vscode.l10n.t('binary cross-entropy on [0, 1] pixels') },
    { value: 'gaussian', label: 'Gaussian', detail: vscode.l10n.t('squared error, fixed σ = 0.1') },
    { value: 'laplace', label: 'Laplace', detail: vscode.l10n.t('absolute error, fixed b = 0.1') },
  ]));
  if (!likelihood) return undefined;
  const layout = args?.layout ?? (await pick(vscode.l10n.t('Image layout of x'), [
    { value: 'nchw', label: 'NCHW', detail: vscode.l10n.t('[N, C, H, W]: PyTorch') },
    { value: 'nhwc', label: 'NHWC', detail: vscode.l10n.t('[N, H, W, C]: Keras / TensorFlow') },
  ]));
  if (!layout) return undefined;
  const decoderOutput = args?.decoderOutput ?? (await pick(vscode.l10n.t('What the decoder outputs'), [
    { value: 'logits', label: 'logits', detail: vscode.l10n.t('sigmoid⁻¹ of the mean (Bernoulli logits)') },
    { value: 'probabilities', label: 'probabilities', detail: vscode.l10n.t('Bernoulli probabilities in [0, 1]') },
    { value: 'mean', label: 'mean', detail: vscode.l10n.t('the mean itself (Gaussian or Laplace)') },
  ]));
  if (!decoderOutput) return undefined;
  let data = args?.data;
  if (!args) {
    const folder = await vscode.window.showOpenDialog({ canSelectFolders: true, canSelectFiles: true, canSelectMany: false, title: vscode.l10n.t('Images to explore the model on (optional: Cancel to skip)') });
    data = folder?.[0]?.fsPath;
  }
  const out = args?.out ?? (await vscode.window.showSaveDialog({ title: vscode.l10n.t('New model folder'), saveLabel: vscode.l10n.t('Import Here') }))?.fsPath;
  if (!out) return undefined;
  if (!(await mayWrite(vscode.l10n.t('Importing writes a model folder at {0}.', out), vscode.l10n.t('Import')))) return undefined;
  try {
    const reply = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Importing {0} and {1}…', path.basename(encoder), path.basename(decoder)) },
      () => runJob(ctx.extensionUri.fsPath, { type: 'importOnnx', encoder, decoder, out, likelihood, layout, decoderOutput, scale: 0.1, ...(data ? { data } : {}) }).reply,
    );
    ctx.output.appendLine(vscode.l10n.t('Imported into {0} (run by {1}).', reply.modelDir, reply.runtime));
    await openModel(ctx, vscode.Uri.file(reply.modelDir));
    return reply.modelDir;
  } catch (err) {
    reportError(ctx, err);
    if (args) throw err;
    return undefined;
  }
}
