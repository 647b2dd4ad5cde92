// Encode Image: one image file through the current model (by its panel's job process), shown in the model's panel where
// its latent code can be edited with sliders, and the edited image saved as PNG.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { encodePng } from '../data/pngEncode';
import type { Encoding } from '../protocol/encoding';
import type { PageEdit } from '../protocol/savedEdit';
import { writeFileAtomic } from '../store/atomicWrite';
import { readManifestFile } from '../store/readManifest';
import type { CommandContext } from './commandContext';
import { ModelPanel } from './modelPanel';
import { modelJobOf } from './panelJobs';
import { editFileOf, savedEditOf } from './editFile';

export interface EncodeResult {
  modelDir: string;
  mu: number[];
  logvar: number[];
  reconError: number;
}

/** Runs against the model panel used last; the caller makes sure one exists. */
export async function encodeImageInPanel(ctx: CommandContext, panel: ModelPanel, image: vscode.Uri): Promise<EncodeResult> {
  const encoding = await modelJobOf(ctx.extensionUri.fsPath, panel).encode(image.fsPath);
  showEncoding(panel, encoding);
  return { modelDir: panel.modelDir, mu: encoding.mu, logvar: encoding.logvar, reconError: encoding.reconError };
}

function showEncoding(panel: ModelPanel, e: Encoding): void {
  panel.encodedImage = { path: e.imagePath, size: e.pixels.length };
  panel.showEncoding(e);
  panel.panel.reveal();
}

/**
 * Save Edited Image…: a PNG next to the original by default, written atomically; with the page's edit, the edit
 * itself as <name>.edit.json beside the PNG (Open Saved Edit… reopens it).
 */
export async function saveEditedImage(panel: ModelPanel, pixels: Uint8Array, edit?: PageEdit): Promise<void> {
  const original = panel.encodedImage;
  if (!original) return;
  const [h, w, c] = (await readManifestFile(panel.modelDir)).model.inputShape;
  if (pixels.length !== h * w * c) return;
  const parsed = path.parse(original.path);
  const target = await vscode.window.showSaveDialog({
    defaultUri: vscode.Uri.file(path.join(parsed.dir, `${parsed.name}-edited.png`)),
    filters: { [vscode.l10n.t('PNG image')]: ['png'] },
    title: vscode.l10n.t('Save Edited Image'),
  });
  if (!target) return;
  await writeFileAtomic(target.fsPath, encodePng(Uint8Array.from(pixels), w, h, c as 1 | 3));
  if (edit && edit.z.length === (await readManifestFile(panel.modelDir)).model.latentDim) {
    const json = editFileOf(target.fsPath);
    await writeFileAtomic(json, `${JSON.stringify(savedEditOf(panel.modelDir, original.path, edit), null, 2)}\n`);
    void vscode.window.showInformationMessage(vscode.l10n.t('Saved {0} and the edit as {1}', path.basename(target.fsPath), path.basename(json)));
    return;
  }
  void vscode.window.showInformationMessage(vscode.l10n.t('Saved {0}', path.basename(target.fsPath)));
}

/** Export PNG… for a grid the page drew: the default name says which model and what it shows. */
export async function exportPng(panel: ModelPanel, msg: { kind: string; width: number; height: number; channels: 1 | 3; pixels: Uint8Array }): Promise<void> {
  const target = await vscode.window.showSaveDialog({
    defaultUri: vscode.Uri.file(path.join(panel.modelDir, `${path.basename(panel.modelDir)}-${msg.kind}.png`)),
    filters: { [vscode.l10n.t('PNG image')]: ['png'] },
    title: vscode.l10n.t('Export {0} as PNG', msg.kind),
  });
  if (!target) return;
  await writeFileAtomic(target.fsPath, encodePng(Uint8Array.from(msg.pixels), msg.width, msg.height, msg.channels));
  void vscode.window.showInformationMessage(vscode.l10n.t('Saved {0}', path.basename(target.fsPath)));
}

/** Interpolate Between Images: the two files, prepared for the model by its job process, become A and B in the panel. */
export async function interpolateImagesInPanel(ctx: CommandContext, panel: ModelPanel, a: vscode.Uri, b: vscode.Uri): Promise<void> {
  const job = modelJobOf(ctx.extensionUri.fsPath, panel);
  const [ea, eb] = await Promise.all([job.encode(a.fsPath), job.encode(b.fsPath)]);
  panel.showInterpolatePair(ea, eb);
  panel.panel.reveal();
}
