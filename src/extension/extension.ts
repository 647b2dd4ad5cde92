// Entry point: wires commands, the output channel and the panel serializer. No work happens here.
import * as vscode from 'vscode';
import { REMEDIES, type Remedy } from '../training/remedies';
import { reportError, type CommandContext } from './commandContext';
import { cancelTrainingCommand, encodeImage, evaluateModelCommand, interpolateImages, sampleFromPriorCommand, retrainWith, openModel, panelHooks, showSavedModel, trainOnFolder } from './commands';
import { exportLatentsCommand } from './exportLatents';
import { computeMetricsCommand } from './computeMetrics';
import { ModelPanel, PANEL_VIEW_TYPE } from './modelPanel';
import { SIDE_VIEW_ID, SideViewProvider } from './sideView';
import { cancelTraining } from './training';
import { exportOnnxCommand } from './exportOnnx';
import { importOnnxCommand, type ImportArgs } from './importOnnx';
import { openSavedEdit } from './savedEdits';
import { compareModels } from './compareCommand';

export function activate(context: vscode.ExtensionContext): void {
  const output = vscode.window.createOutputChannel('Latent Explorer');
  const ctx: CommandContext = { extensionUri: context.extensionUri, output };
  context.subscriptions.push(
    output,
    // from the Explorer's context menu the second argument is the selection (a list of URIs): only an object of
    // overrides (tests, other extensions) skips the model pick
    vscode.commands.registerCommand('latentExplorer.trainOnFolder', (folder?: vscode.Uri, overrides?: object) =>
      trainOnFolder(ctx, folder instanceof vscode.Uri ? folder : undefined, overrides && !Array.isArray(overrides) ? (overrides as never) : undefined),
    ),
    vscode.commands.registerCommand('latentExplorer.openModel', (dir?: vscode.Uri) => openModel(ctx, dir instanceof vscode.Uri ? dir : undefined)),
    vscode.commands.registerCommand('latentExplorer.cancelTraining', () => cancelTrainingCommand()),
    vscode.commands.registerCommand('latentExplorer.sampleFromPrior', () => sampleFromPriorCommand()),
    vscode.commands.registerCommand('latentExplorer.evaluateModel', (dir?: vscode.Uri) => evaluateModelCommand(ctx, dir instanceof vscode.Uri ? dir : undefined)),
    // (model folder, output file[, dataset]) from tests and other extensions: nothing is asked
    vscode.commands.registerCommand('latentExplorer.exportLatents', (dir?: vscode.Uri, out?: vscode.Uri, dataset?: vscode.Uri) =>
      exportLatentsCommand(ctx, dir instanceof vscode.Uri ? dir : undefined, out instanceof vscode.Uri ? out : undefined, dataset instanceof vscode.Uri ? dataset : undefined),
    ),
    // (model folder, { factors: Uri | null }) from tests and other extensions skips the questions
    vscode.commands.registerCommand('latentExplorer.computeMetrics', (dir?: vscode.Uri, options?: { factors?: vscode.Uri | null }) =>
      computeMetricsCommand(ctx, dir instanceof vscode.Uri ? dir : undefined, options && typeof options === 'object' && !Array.isArray(options) ? options : {}),
    ),
    vscode.window.registerWebviewViewProvider(SIDE_VIEW_ID, new SideViewProvider(ctx)),
    // the panel's remedy buttons; also callable with (modelDir, remedy) by tests and other extensions
    vscode.commands.registerCommand('latentExplorer.retrainWithRemedy', (dir: vscode.Uri, remedy: Remedy) => {
      if (!(dir instanceof vscode.Uri) || !(remedy in REMEDIES)) throw new Error('latentExplorer.retrainWithRemedy takes (model folder Uri, remedy)');
      return retrainWith(ctx, dir.fsPath, remedy);
    }),
    vscode.commands.registerCommand('latentExplorer.interpolateImages', (clicked?: vscode.Uri, selected?: vscode.Uri[]) =>
      interpolateImages(ctx, clicked instanceof vscode.Uri ? clicked : undefined, Array.isArray(selected) ? selected.filter((u) => u instanceof vscode.Uri) : undefined),
    ),
    // (model folder, target folder): both optional; the pickers ask for what is missing
    vscode.commands.registerCommand('latentExplorer.importOnnx', (args?: ImportArgs) => importOnnxCommand(ctx, args && typeof args === 'object' && 'encoder' in args ? args : undefined)),
    vscode.commands.registerCommand('latentExplorer.exportOnnx', (dir?: vscode.Uri, out?: vscode.Uri) =>
      exportOnnxCommand(ctx, dir instanceof vscode.Uri ? dir : undefined, out instanceof vscode.Uri ? out : undefined),
    ),
    vscode.commands.registerCommand('latentExplorer.encodeImage', (image?: vscode.Uri) => encodeImage(ctx, image instanceof vscode.Uri ? image : undefined)),
    vscode.commands.registerCommand('latentExplorer.openSavedEdit', (file?: vscode.Uri) => openSavedEdit(ctx, file instanceof vscode.Uri ? file : undefined)),
    // (modelA, modelB) from tests and other extensions; from the palette both folders are asked for
    vscode.commands.registerCommand('latentExplorer.compareModels', (a?: vscode.Uri, b?: vscode.Uri) =>
      compareModels(ctx, a instanceof vscode.Uri ? a : undefined, b instanceof vscode.Uri ? b : undefined),
    ),
    vscode.window.registerWebviewPanelSerializer(PANEL_VIEW_TYPE, {
      async deserializeWebviewPanel(panel: vscode.WebviewPanel, state: unknown) {
        const dir = (state as { modelDir?: unknown } | undefined)?.modelDir;
        if (typeof dir !== 'string') {
          panel.dispose();
          return;
        }
        const revived = ModelPanel.revive(panel, context.extensionUri, dir, panelHooks(ctx));
        await showSavedModel(ctx, dir, revived).catch((err) => reportError(ctx, err));
      },
    }),
  );
}

export function deactivate(): void {
  cancelTraining();
}
