// One webview panel per model folder. Messages are queued until the page says it is ready, so the first
// render is never lost; the page's state is restored after a reload by the serializer below.
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { EpochMetrics } from '../shared/types';
import type { Encoding } from '../protocol/encoding';
import { Requester, serve, type Failure, type Handlers, type Replies } from '../protocol/envelope';
import type { LatentMap, MapSpec } from '../protocol/latentMap';
import type { LatentStats } from '../protocol/latentStats';
import type { PageEdit } from '../protocol/savedEdit';
import type { Preview, PreviewOrder } from '../protocol/preview';
import { pageToHost, type ExportSheet, type HostToPage, type ModelSummary, type PageToHost, type RemedyName } from '../protocol/webview';
import type { Manifest } from '../store/manifest';
import { modelsChanged } from './events';
import { renderPanelHtml } from './panelHtml';
import { webviewPageInput } from './webviewPage';

export const PANEL_VIEW_TYPE = 'latentExplorer.model';

export interface PanelHooks {
  /** The page asks to save its edited image (validated: uint8, the encoded image's size), with the edit that made it. */
  onSaveImage(panel: ModelPanel, pixels: Uint8Array, edit?: PageEdit): void;
  /** The page asks for the dataset's label centroids, μ ranges and a mixture of `components` (0: by BIC). */
  onLatentStats(panel: ModelPanel, components: number, automatic?: boolean): void;
  /** The page hands over a grid it drew (samples, interpolation strip) to save as PNG; already validated. */
  onExportPng(panel: ModelPanel, sheet: ExportSheet): void;
  /** A remedy button: retrain this model's data with one change. */
  onRetrain(panel: ModelPanel, remedy: RemedyName): void;
  /** The page asks for its latent map (every image's code, by PCA, UMAP or a custom axis). */
  onLatentMap(panel: ModelPanel, spec: MapSpec, automatic?: boolean): void;
  /** The page asks to stop the map being computed. */
  onCancelLatentMap(panel: ModelPanel): void;
  /** The page asks for the images of some map points (its thumbnails). */
  onMapImages(panel: ModelPanel, indices: Int32Array): void;
  /** Panels opened or closed: whether any model is available (for the Encode Image menu). */
  onPanelsChanged(count: number): void;
  onCancel(): void;
  /** The page asks for other images in its reconstructions grid (e.g. the worst reconstructed). */
  onPreview(panel: ModelPanel, order: PreviewOrder): void;
  /** The Metrics section's button. */
  onComputeMetrics(panel: ModelPanel): void;
  log(line: string): void;
  /** The k-NN inspector: the nearest images to one of the dataset's, and the search by file name. */
  onNeighbours(panel: ModelPanel, request: Extract<PageToHost, { type: 'requestNeighbours' }>): void;
  onSearchImages(panel: ModelPanel, query: string): void;
  /** The header's Export Latents… button. */
  onExportLatents(panel: ModelPanel): void;
  /** Prior samples from the job process (a PixelCNN decoder's), and the page's cancel of them. */
  onJobSamples(panel: ModelPanel, request: Extract<PageToHost, { type: 'requestJobSamples' }>): void;
  onCancelJobSamples(panel: ModelPanel): void;
}

export class ModelPanel {
  private static readonly panels = new Map<string, ModelPanel>();
  /** The model panel used last: Encode Image runs against it. */
  static current: ModelPanel | undefined;
  /** The image the page last encoded, so a save can go next to it with the right size. */
  encodedImage: { path: string; size: number } | null = null;
  private ready = false;
  private queue: HostToPage[] = [];
  private sources: string[] = [];
  /** Host → page: notifications in the envelope (the page answers nothing; it asks with its own messages). */
  private readonly toPage: Requester<HostToPage, Replies<HostToPage>>;

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
    private readonly extensionUri: vscode.Uri,
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
    webview.html = renderPanelHtml(webviewPageInput(webview, extensionUri, 'webview.js', `VAE: ${path.basename(modelDir)}`));
    this.toPage = new Requester((e) => void webview.postMessage(e), (f) => new Error(f.message));
    const receive = serve<PageToHost, Replies<PageToHost>>(this.handlers(), () => undefined, {
      messages: pageToHost,
      onInvalid: (problem) => hooks.log(`ignored a message from the panel of ${modelDir}: ${problem}`),
      toFailure: (err): Failure => ({ message: err instanceof Error ? err.message : String(err), userError: false }),
    });
    webview.onDidReceiveMessage(receive);
    panel.onDidDispose(() => {
      if (ModelPanel.panels.get(modelDir) === this) ModelPanel.panels.delete(modelDir);
      if (ModelPanel.current === this) ModelPanel.current = [...ModelPanel.panels.values()].at(-1);
      hooks.onPanelsChanged(ModelPanel.panels.size);
    });
  }

  /** The one dispatcher for what the page sends: one handler per message type, checked complete by the compiler. */
  private handlers(): Handlers<PageToHost, Replies<PageToHost>, never> {
    const hooks = this.hooks;
    return {
      ready: () => {
        this.ready = true;
        for (const m of this.queue) this.toPage.notify(m);
        this.queue = [];
      },
      cancelTraining: () => hooks.onCancel(),
      requestPreview: (m) => hooks.onPreview(this, m.order),
      requestLatentMap: (m) => hooks.onLatentMap(this, { method: m.method, umapAll: m.umapAll, axes: m.axes }),
      cancelLatentMap: () => hooks.onCancelLatentMap(this),
      requestMapImages: (m) => hooks.onMapImages(this, m.indices),
      requestLatentStats: (m) => hooks.onLatentStats(this, m.components),
      exportPng: (m) => hooks.onExportPng(this, m.sheet),
      retrain: (m) => hooks.onRetrain(this, m.remedy),
      computeMetrics: () => hooks.onComputeMetrics(this),
      requestNeighbours: (m) => hooks.onNeighbours(this, m),
      searchImages: (m) => hooks.onSearchImages(this, m.query),
      exportLatents: () => hooks.onExportLatents(this),
      requestJobSamples: (m) => hooks.onJobSamples(this, m),
      cancelJobSamples: () => hooks.onCancelJobSamples(this),
      saveImage: (m) => {
        if (this.encodedImage && m.pixels.length === this.encodedImage.size) hooks.onSaveImage(this, m.pixels, m.edit);
        else hooks.log(`ignored an image to save that does not match the encoded image of ${this.modelDir}`);
      },
      openSource: (m) => {
        const src = this.sources[m.index];
        if (src && !src.includes('#')) void vscode.commands.executeCommand('vscode.open', vscode.Uri.file(src));
      },
    };
  }

  /** Sends a message to the page, or queues it until the page has said it is ready. */
  post(msg: HostToPage): void {
    if (this.ready) this.toPage.notify(msg);
    else this.queue.push(msg);
  }

  showModel(summary: ModelSummary, epochs: EpochMetrics[]): void {
    this.post({ type: 'model', summary, epochs });
  }

  /** Lets the page decode with the model's current weights file (served from the model folder). */
  showDecoder(manifest: Pick<Manifest, 'weights' | 'onnx'>): void {
    const uri = this.panel.webview.asWebviewUri(vscode.Uri.file(path.join(this.modelDir, manifest.weights.file)));
    const onnx = onnxSource(this.panel.webview, this.extensionUri, this.modelDir, manifest);
    this.post({ type: 'decoder', source: { weightsUri: uri.toString(), specs: manifest.weights.specs.map((s) => ({ name: s.name, shape: s.shape })), ...onnx } });
  }

  showPreview(p: Preview): void {
    this.sources = p.sources;
    this.post({ type: 'preview', preview: p });
  }

  showLatentMap(m: LatentMap): void {
    this.post({ type: 'latentMap', map: m });
  }

  showLatentStats(stats: LatentStats): void {
    this.post({ type: 'latentStats', stats });
  }

  /** An encoded image to edit; a later save must have its size. */
  showEncoding(e: Encoding): void {
    this.encodedImage = { path: e.imagePath, size: e.pixels.length };
    this.post({ type: 'encoded', encoding: e });
  }

  /** Two encoded images become A and B of the page's interpolation. */
  showInterpolatePair(a: Encoding, b: Encoding): void {
    const pixels = new Uint8Array(a.pixels.length + b.pixels.length);
    pixels.set(a.pixels);
    pixels.set(b.pixels, a.pixels.length);
    const names: [string, string] = [path.basename(a.imagePath), path.basename(b.imagePath)];
    this.post({ type: 'interpolatePair', pair: { names, height: a.height, width: a.width, channels: a.channels, pixels } });
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

/** An imported model's files for the page's onnxruntime-web: its two ONNX files and the runtime's WebAssembly binary. */
export function onnxSource(webview: vscode.Webview, extensionUri: vscode.Uri, modelDir: string, manifest: Pick<Manifest, 'onnx'>): { onnx?: { encoderUri: string; decoderUri: string; wasmUri: string } } {
  if (!manifest.onnx) return {};
  const uri = (file: string) => webview.asWebviewUri(vscode.Uri.file(path.join(modelDir, file))).toString();
  const wasmUri = webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'dist', 'ort-wasm-simd-threaded.wasm')).toString();
  return { onnx: { encoderUri: uri(manifest.onnx.encoder.file), decoderUri: uri(manifest.onnx.decoder.file), wasmUri } };
}
