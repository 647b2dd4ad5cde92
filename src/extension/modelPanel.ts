// One webview panel per model folder. Messages are queued until the page says it is ready, so the first
// render is never lost; the page's state is restored after a reload by the serializer below.
import { randomBytes } from 'node:crypto';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { EpochMetrics } from '../shared/types';
import { previewMessage } from './panelMessages';
import type { Preview, PreviewOrder } from '../protocol/preview';
import { isWebviewToHost, type HostToWebview, type ModelSummary, type WebviewToHost } from '../protocol/webview';
import type { Manifest } from '../store/manifest';
import { modelsChanged } from './events';
import { renderPanelHtml } from './panelHtml';

export const PANEL_VIEW_TYPE = 'latentExplorer.model';

export interface PanelHooks {
  /** The page asks to save its edited image (pixels already validated: uint8 values). */
  onSaveImage(panel: ModelPanel, pixels: number[]): void;
  /** The page hands over a grid it drew (samples, interpolation strip) to save as PNG; already validated. */
  onExportPng(panel: ModelPanel, msg: Extract<WebviewToHost, { type: 'exportPng' }>): void;
  /** A remedy button: retrain this model's data with one change. */
  onRetrain(panel: ModelPanel, remedy: Extract<WebviewToHost, { type: 'retrain' }>['remedy']): void;
  /** The page asks for its latent map (PCA of the dataset's codes). */
  onLatentMap(panel: ModelPanel, method: 'pca' | 'umap', automatic?: boolean): void;
  /** Panels opened or closed: whether any model is available (for the Encode Image menu). */
  onPanelsChanged(count: number): void;
  onCancel(): void;
  /** The page asks for other images in its reconstructions grid (e.g. the worst reconstructed). */
  onPreview(panel: ModelPanel, order: PreviewOrder): void;
  log(line: string): void;
}

export class ModelPanel {
  private static readonly panels = new Map<string, ModelPanel>();
  /** The model panel used last: Encode Image runs against it. */
  static current: ModelPanel | undefined;
  /** The image the page last encoded, so a save can go next to it with the right size. */
  encodedImage: { path: string; size: number } | null = null;
  private ready = false;
  private queue: HostToWebview[] = [];
  private sources: string[] = [];

  static forModel(modelDir: string): ModelPanel | undefined {
    return ModelPanel.panels.get(modelDir);
  }

  static all(): ModelPanel[] {
    return [...ModelPanel.panels.values()];
  }

  /** Opens (or reveals) the panel for a model folder. */
  static show(extensionUri: vscode.Uri, modelDir: string, hooks: PanelHooks): ModelPanel {
    const existing = ModelPanel.panels.get(modelDir);
    if (existing) {
      existing.panel.reveal();
      return existing;
    }
    const panel = vscode.window.createWebviewPanel(PANEL_VIEW_TYPE, `VAE: ${path.basename(modelDir)}`, vscode.ViewColumn.Active, webviewOptions(extensionUri, modelDir));
    return new ModelPanel(panel, extensionUri, modelDir, hooks);
  }

  /** Adopts a panel restored by VS Code after a reload. */
  static revive(panel: vscode.WebviewPanel, extensionUri: vscode.Uri, modelDir: string, hooks: PanelHooks): ModelPanel {
    panel.webview.options = webviewOptions(extensionUri, modelDir);
    return new ModelPanel(panel, extensionUri, modelDir, hooks);
  }

  private constructor(
    readonly panel: vscode.WebviewPanel,
    extensionUri: vscode.Uri,
    readonly modelDir: string,
    private readonly hooks: PanelHooks,
  ) {
    ModelPanel.panels.set(modelDir, this);
    ModelPanel.current = this;
    hooks.onPanelsChanged(ModelPanel.panels.size);
    panel.onDidChangeViewState((e) => {
      if (e.webviewPanel.active && ModelPanel.current !== this) {
        ModelPanel.current = this;
        modelsChanged.fire();
      }
    });
    const webview = panel.webview;
    const nonce = randomBytes(16).toString('base64');
    webview.html = renderPanelHtml({
      cspSource: webview.cspSource,
      nonce,
      scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'dist', 'webview.js')).toString(),
      styleUri: webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'media', 'panel.css')).toString(),
      title: `VAE: ${path.basename(modelDir)}`,
    });
    webview.onDidReceiveMessage((raw: unknown) => this.receive(raw));
    panel.onDidDispose(() => {
      if (ModelPanel.panels.get(modelDir) === this) ModelPanel.panels.delete(modelDir);
      if (ModelPanel.current === this) ModelPanel.current = [...ModelPanel.panels.values()].at(-1);
      hooks.onPanelsChanged(ModelPanel.panels.size);
    });
  }

  private receive(raw: unknown): void {
    if (!isWebviewToHost(raw)) {
      this.hooks.log(`ignored a malformed message from the panel of ${this.modelDir}`);
      return;
    }
    const msg: WebviewToHost = raw;
    if (msg.type === 'ready') {
      this.ready = true;
      for (const m of this.queue) void this.panel.webview.postMessage(m);
      this.queue = [];
    } else if (msg.type === 'cancelTraining') this.hooks.onCancel();
    else if (msg.type === 'requestPreview') this.hooks.onPreview(this, msg.order);
    else if (msg.type === 'requestLatentMap') this.hooks.onLatentMap(this, msg.method);
    else if (msg.type === 'exportPng') this.hooks.onExportPng(this, msg);
    else if (msg.type === 'retrain') this.hooks.onRetrain(this, msg.remedy);
    else if (msg.type === 'saveImage') {
      if (this.encodedImage && msg.pixels.length === this.encodedImage.size) this.hooks.onSaveImage(this, msg.pixels);
      else this.hooks.log(`ignored an image to save that does not match the encoded image of ${this.modelDir}`);
    }
    else if (msg.type === 'openSource') {
      const src = this.sources[msg.index];
      if (src && !src.includes('#')) void vscode.commands.executeCommand('vscode.open', vscode.Uri.file(src));
    }
  }

  post(msg: HostToWebview): void {
    if (this.ready) void this.panel.webview.postMessage(msg);
    else this.queue.push(msg);
  }

  showModel(summary: ModelSummary, epochs: EpochMetrics[]): void {
    this.post({ type: 'model', summary, epochs });
  }

  /** Lets the page decode with the model's current weights file (served from the model folder). */
  showDecoder(manifest: Pick<Manifest, 'weights'>): void {
    const uri = this.panel.webview.asWebviewUri(vscode.Uri.file(path.join(this.modelDir, manifest.weights.file)));
    this.post({ type: 'decoder', source: { weightsUri: uri.toString(), specs: manifest.weights.specs.map((s) => ({ name: s.name, shape: s.shape })) } });
  }

  showPreview(p: Preview): void {
    this.sources = p.sources;
    this.post(previewMessage(p));
  }
}

/** Scripts on; the page may load only our build, our media, and the files of the model it shows. */
function webviewOptions(extensionUri: vscode.Uri, modelDir: string): vscode.WebviewPanelOptions & vscode.WebviewOptions {
  return {
    enableScripts: true,
    retainContextWhenHidden: false,
    localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'dist'), vscode.Uri.joinPath(extensionUri, 'media'), vscode.Uri.file(modelDir)],
  };
}
