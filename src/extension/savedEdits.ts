// Open Saved Edit…: reopens an edit written by Save Edited Image… (extension/editFile.ts): the model's panel, the
// source image encoded again, then the sliders and the attribute put back as they were.
import * as vscode from 'vscode';
import { UserError } from '../shared/userError';
import { reportError, type CommandContext } from './commandContext';
import { openModel } from './commands';
import { readSavedEdit } from './editFile';
import { encodeImageInPanel } from './encodeImage';
import { ModelPanel } from './modelPanel';

/** Open Saved Edit…: the model of the edit (its panel), the source image encoded again, then the edit applied. */
export async function openSavedEdit(ctx: CommandContext, file?: vscode.Uri): Promise<boolean> {
  const target =
    file ?? (await vscode.window.showOpenDialog({ canSelectMany: false, filters: { [vscode.l10n.t('Saved edit')]: ['json'] }, title: vscode.l10n.t('Saved edit to open') }))?.[0];
  if (!target) return false;
  try {
    const saved = await readSavedEdit(target.fsPath);
    if (!ModelPanel.forModel(saved.modelDir) && !(await openModel(ctx, vscode.Uri.file(saved.modelDir)))) return false;
    const panel = ModelPanel.forModel(saved.modelDir)!;
    const encoded = await encodeImageInPanel(ctx, panel, vscode.Uri.file(saved.sourceImage));
    if (encoded.mu.length !== saved.edit.code.length) throw new UserError(`Cannot open the saved edit ${target.fsPath}: it has ${saved.edit.code.length} latent values, the model ${encoded.mu.length}.`);
    panel.post({ type: 'applyEdit', edit: saved.edit });
    return true;
  } catch (err) {
    reportError(ctx, err);
    if (file) throw err;
    return false;
  }
}
