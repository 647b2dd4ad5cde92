// Export Model as ONNX…: the model (the argument, the open panel's, or one picked) written as encoder.onnx +
// decoder.onnx + latent-explorer.json into a folder, by a job process (src/onnx/export/), so the host's event loop
// only waits. The files and their convention: README "ONNX".
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { OnnxExportReply } from '../protocol/job';
import { reportError, type CommandContext } from './commandContext';
import { runJob } from './jobProcess';
import { ModelPanel } from './modelPanel';
import { mayWrite } from './trust';

async function pickFolder(title: string, openLabel: string, defaultUri?: vscode.Uri): Promise<vscode.Uri | undefined> {
  const picked = await vscode.window.showOpenDialog({ canSelectFolders: true, canSelectFiles: false, canSelectMany: false, title, defaultUri, openLabel });
  return picked?.[0];
}

/**
 * `modelDir` and `outDir` skip the pickers (the Explorer's context menu passes the model folder; tests and other
 * extensions pass both). Errors are shown; a caller that passed the model folder also gets them thrown.
 */
export async function exportOnnxCommand(ctx: CommandContext, modelDir?: vscode.Uri, outDir?: vscode.Uri): Promise<OnnxExportReply | undefined> {
  const dir =
    modelDir?.fsPath ??
    ModelPanel.current?.modelDir ??
    (await pickFolder(vscode.l10n.t('Model folder to export as ONNX'), vscode.l10n.t('Select'), vscode.workspace.workspaceFolders?.[0]?.uri))?.fsPath;
  if (!dir) return undefined;
  const target =
    outDir?.fsPath ??
    (await pickFolder(vscode.l10n.t('Folder for encoder.onnx, decoder.onnx and latent-explorer.json (empty, or a previous export)'), vscode.l10n.t('Export Here'), vscode.Uri.file(path.dirname(dir))))?.fsPath;
  if (!target) return undefined;
  if (!(await mayWrite(vscode.l10n.t('Exporting writes ONNX files into {0}.', target), vscode.l10n.t('Export')))) return undefined;
  try {
    const reply = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Exporting {0} as ONNX…', path.basename(dir)) },
      () => runJob(ctx.extensionUri.fsPath, { type: 'exportOnnx', modelDir: dir, outDir: target }).reply,
    );
    const text = vscode.l10n.t('{0} exported as ONNX: {1} in {2}.', path.basename(dir), reply.files.map((f) => f.name).join(', '), reply.outDir);
    ctx.output.appendLine(text);
    const reveal = vscode.l10n.t('Reveal in Explorer');
    void vscode.window.showInformationMessage(text, reveal).then((choice) => {
      if (choice) void vscode.commands.executeCommand('revealInExplorer', vscode.Uri.file(path.join(reply.outDir, 'latent-explorer.json')));
    });
    return reply;
  } catch (err) {
    reportError(ctx, err);
    if (modelDir) throw err;
    return undefined;
  }
}
