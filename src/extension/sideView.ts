// The side-panel view in the "Latent Explorer" activity-bar container: the models in the workspace, the one in
// use, live training status, quick actions, and the latent pad of the current model.
import { randomBytes } from 'node:crypto';
import { readdir } from 'node:fs/promises';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { Requester, serve, type Replies } from '../protocol/envelope';
import { sideToHost, type HostToSide, type ModelEntry, type SideToHost } from '../protocol/sideView';
import type { Manifest } from '../store/manifest';
import { readManifestFile } from '../store/readManifest';
import type { CommandContext } from './commandContext';
import { modelsFolder } from './config';
import { modelsChanged } from './events';
import { ModelPanel, onnxSource } from './modelPanel';
import { renderSideViewHtml } from './sideViewHtml';
import { cancelTraining, trainingStatus } from './training';

export const SIDE_VIEW_ID = 'latentExplorer.sideView';

function entryOf(dir: string, m: Manifest): ModelEntry {
  const last = m.epochs.at(-1);
  return { name: path.basename(dir), modelDir: dir, status: m.status, epochs: m.epochs.length, negElbo: last ? (last.validation ?? last.train).negElbo : null };
}

/** Model folders: those in the models folder, and any open in a panel. */
async function findModels(): Promise<{ entries: ModelEntry[]; manifests: Map<string, Manifest> }> {
  const dirs = new Set<string>(ModelPanel.all().map((p) => p.modelDir));
  const ws = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
  if (ws) {
    const root = modelsFolder(ws);
    for (const name of await readdir(root).catch(() => [] as string[])) dirs.add(path.join(root, name));
  }
  const manifests = new Map<string, Manifest>();
  for (const dir of dirs) {
    const m = await readManifestFile(dir).catch(() => null);
    if (m) manifests.set(dir, m);
  }
  const entries = [...manifests].map(([dir, m]) => entryOf(dir, m)).sort((a, b) => a.name.localeCompare(b.name));
  return { entries, manifests };
}

/** The side view's quick-action buttons: each runs the command of the same name from the palette. */
const QUICK_ACTIONS = {
  train: 'latentExplorer.trainOnFolder',
  open: 'latentExplorer.openModel',
  evaluate: 'latentExplorer.evaluateModel',
  sample: 'latentExplorer.sampleFromPrior',
  exportLatents: 'latentExplorer.exportLatents',
} as const;

export class SideViewProvider implements vscode.WebviewViewProvider {
  private view: vscode.WebviewView | undefined;
  private entries: ModelEntry[] = [];
  private readonly toPage = new Requester<HostToSide, Replies<HostToSide>>((e) => void this.view?.webview.postMessage(e), (f) => new Error(f.message));
  /** The one dispatcher for what the side view sends; its messages are checked against sideToHost first. */
  private readonly receive = serve<SideToHost, Replies<SideToHost>>(
    {
      ready: () => void this.refresh(),
      openModel: ({ index }) => {
        const entry = this.entries[index];
        if (entry) void vscode.commands.executeCommand('latentExplorer.openModel', vscode.Uri.file(entry.modelDir));
      },
      cancel: () => cancelTraining(),
      train: () => void vscode.commands.executeCommand(QUICK_ACTIONS.train),
      open: () => void vscode.commands.executeCommand(QUICK_ACTIONS.open),
      evaluate: () => void vscode.commands.executeCommand(QUICK_ACTIONS.evaluate),
      sample: () => void vscode.commands.executeCommand(QUICK_ACTIONS.sample),
      exportLatents: () => void vscode.commands.executeCommand(QUICK_ACTIONS.exportLatents),
    },
    () => undefined,
    {
      messages: sideToHost,
      onInvalid: (problem) => this.ctx.output.appendLine(`ignored a message from the side view: ${problem}`),
      toFailure: (err) => ({ message: err instanceof Error ? err.message : String(err), userError: false }),
    },
  );

  constructor(private readonly ctx: CommandContext) {
    modelsChanged.event(() => void this.refresh());
  }

  resolveWebviewView(view: vscode.WebviewView): void {
    this.view = view;
    const ext = this.ctx.extensionUri;
    const ws = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
    view.webview.options = {
      enableScripts: true,
      // the pad fetches the current model's weights: the models folder and any model open in a panel
      localResourceRoots: [vscode.Uri.joinPath(ext, 'dist'), vscode.Uri.joinPath(ext, 'media'), ...(ws ? [vscode.Uri.file(modelsFolder(ws))] : []), ...ModelPanel.all().map((p) => vscode.Uri.file(p.modelDir))],
    };
    view.webview.html = renderSideViewHtml({
      cspSource: view.webview.cspSource,
      nonce: randomBytes(16).toString('base64'),
      scriptUri: view.webview.asWebviewUri(vscode.Uri.joinPath(ext, 'dist', 'sideview.js')).toString(),
      styleUri: view.webview.asWebviewUri(vscode.Uri.joinPath(ext, 'media', 'panel.css')).toString(),
      l10n: vscode.l10n.bundle,
      lang: vscode.env.language,
    });
    view.webview.onDidReceiveMessage(this.receive);
    view.onDidChangeVisibility(() => void this.refresh());
  }

  private post(msg: HostToSide): void {
    this.toPage.notify(msg);
  }

  async refresh(): Promise<void> {
    if (!this.view) return;
    const { entries, manifests } = await findModels();
    this.entries = entries;
    const current = ModelPanel.current?.modelDir ?? null;
    this.post({ type: 'state', models: entries, current, training: trainingStatus() });
    const m = current ? manifests.get(current) : undefined;
    if (current && m) {
      const last = m.epochs.at(-1);
      this.post({
        type: 'pad',
        modelDir: current,
        model: m.model,
        klPerDim: last ? (last.validation ?? last.train).klPerDim : evaluatedKl(m) ?? new Array<number>(m.model.latentDim).fill(0),
        source: {
          weightsUri: this.view.webview.asWebviewUri(vscode.Uri.file(path.join(current, m.weights.file))).toString(),
          specs: m.weights.specs.map((s) => ({ name: s.name, shape: s.shape })),
          ...onnxSource(this.view.webview, this.ctx.extensionUri, current, m),
        },
      });
    }
  }
}

/** A model without epochs (an imported one): the pad's two dimensions by the KL its evaluation measured, if usable. */
function evaluatedKl(m: Manifest): number[] | null {
  const kl = m.evaluation?.klPerDim;
  return Array.isArray(kl) && kl.length === m.model.latentDim && kl.every(Number.isFinite) ? kl : null;
}
