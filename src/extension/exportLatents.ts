// Export Latents… (palette, side view, the panel's header): asks which model, which dataset (the model's own by
// default) and where to save (the file type chooses the format), then encodes every image in a job process of
// its own under a cancellable progress notification. Tests and other extensions pass (model, output[, dataset])
// and are asked nothing.
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ExportOutcome } from '../protocol/job';
import { readManifestFile } from '../store/readManifest';
import { reportError, type CommandContext } from './commandContext';
import { runJob } from './jobProcess';
import { ModelPanel } from './modelPanel';

/** The model to export: an open one (the current first), or a folder the user picks. */
async function pickModel(): Promise<string | undefined> {
  const open = ModelPanel.all().map((p) => p.modelDir);
  const current = ModelPanel.current?.modelDir;
  const dirs = current ? [current, ...open.filter((d) => d !== current)] : open;
  const browse = vscode.l10n.t('Choose a model folder…');
  let choice: string | undefined = browse;
  if (dirs.length) {
    const items: (vscode.QuickPickItem & { dir?: string })[] = [
      ...dirs.map((dir) => ({ label: path.basename(dir), description: dir, dir })),
      { label: `$(folder-opened) ${browse}` },
    ];
    const picked = await vscode.window.showQuickPick(items, { title: vscode.l10n.t('Export Latents: which model?'), placeHolder: vscode.l10n.t('The model whose encoder gives the latents') });
    if (!picked) return undefined;
    choice = picked.dir ?? browse;
  }
  if (choice !== browse) return choice;
  const folder = await vscode.window.showOpenDialog({ canSelectFolders: true, canSelectFiles: false, title: vscode.l10n.t('Model folder (holding manifest.json)'), openLabel: vscode.l10n.t('Select') });
  return folder?.[0]?.fsPath;
}

/** The dataset: the model's own (null) unless the user picks another folder or IDX file; undefined: dismissed. */
async function pickDataset(ownRoot: string): Promise<string | null | undefined> {
  const own = { label: vscode.l10n.t("The model's dataset"), description: ownRoot };
  const other = { label: `$(folder-opened) ${vscode.l10n.t('Another folder or IDX file…')}` };
  const picked = await vscode.window.showQuickPick([own, other], { title: vscode.l10n.t('Export Latents: which images?') });
  if (!picked) return undefined;
  if (picked === own) return null;
  const chosen = await vscode.window.showOpenDialog({ canSelectFolders: true, canSelectFiles: true, canSelectMany: false, title: vscode.l10n.t('Images to encode'), openLabel: vscode.l10n.t('Select') });
  return chosen?.[0]?.fsPath;
}

async function pickOutput(modelDir: string): Promise<string | undefined> {
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri ?? vscode.Uri.file(path.dirname(modelDir));
  const uri = await vscode.window.showSaveDialog({
    title: vscode.l10n.t('Export Latents: save as'),
    saveLabel: vscode.l10n.t('Export'),
    defaultUri: vscode.Uri.joinPath(folder, `${path.basename(modelDir)}-latents.csv`),
    filters: {
      [vscode.l10n.t('CSV: path, label, μ and σ per image')]: ['csv'],
      [vscode.l10n.t('NumPy: float32 μ (N×d) with .labels.json')]: ['npy'],
      [vscode.l10n.t('TensorBoard Projector: vectors and metadata TSV')]: ['tsv'],
    },
  });
  return uri?.fsPath;
}

/** Export Latents…: what was written, or undefined when the user stopped at a question. */
export async function exportLatentsCommand(ctx: CommandContext, modelDir?: vscode.Uri, output?: vscode.Uri, dataset?: vscode.Uri): Promise<ExportOutcome | undefined> {
  const programmatic = output !== undefined;
  try {
    const dir = modelDir?.fsPath ?? (await pickModel());
    if (!dir) return undefined;
    const manifest = await readManifestFile(dir);
    const datasetPath = programmatic ? (dataset?.fsPath ?? null) : await pickDataset(manifest.dataset.root);
    if (datasetPath === undefined) return undefined;
    const outPath = output?.fsPath ?? (await pickOutput(dir));
    if (!outPath) return undefined;
    const outcome = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Exporting the latents of {0}', path.basename(dir)), cancellable: true },
      (progress, token) => {
        progress.report({ message: vscode.l10n.t('reading the images…') });
        let reported = 0;
        const job = runJob(ctx.extensionUri.fsPath, { type: 'exportLatents', modelDir: dir, datasetPath, outPath }, (p) => {
          if (p.type !== 'exporting') return;
          const share = (100 * p.done) / p.total;
          progress.report({ message: vscode.l10n.t('{0} of {1} images encoded', p.done, p.total), increment: share - reported });
          reported = share;
        });
        token.onCancellationRequested(() => job.cancel());
        return job.reply;
      },
    );
    if (outcome.status === 'cancelled') {
      void vscode.window.showInformationMessage(vscode.l10n.t('Export cancelled: nothing was written.'));
      return outcome;
    }
    const text = vscode.l10n.t('Exported the latents of {0} images ({1} dimensions) to {2}.', outcome.count, outcome.latentDim, outcome.files.map((f) => path.basename(f)).join(', '));
    ctx.output.appendLine(`${text} (${outcome.files.join(', ')})`);
    // a .npy is binary: there is nothing to read in the editor
    if (!programmatic && outcome.format !== 'npy') {
      const reveal = vscode.l10n.t('Open File');
      void vscode.window.showInformationMessage(text, reveal).then((choice) => {
        if (choice) void vscode.commands.executeCommand('vscode.open', vscode.Uri.file(outcome.files[0]));
      });
    }
    return outcome;
  } catch (err) {
    reportError(ctx, err);
    if (programmatic) throw err;
    return undefined;
  }
}
