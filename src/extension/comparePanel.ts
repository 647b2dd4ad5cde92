// The Compare Models panel: one webview for a pair of model folders, with the model panel's handshake (messages
// queued until the page is ready), strict CSP with a nonce, and resource roots limited to our build, our media
// and the two model folders (whose weights the page fetches to decode in place).
import * as path from 'node:path';
import * as vscode from 'vscode';
import { compareToHost, type CompareToHost, type HostToCompare } from '../protocol/compare';
import { Requester, serve, type Failure, type Handlers, type Replies } from '../protocol/envelope';
import { renderCompareHtml } from './compareHtml';
import { webviewPageInput } from './webviewPage';

export const COMPARE_VIEW_TYPE = 'latentExplorer.compare';

export interface CompareHooks {
  /** The page's Compute metrics button. */
  onComputeMetrics(panel: ComparePanel): void;
  log(line: string): void;
}

export class ComparePanel {
  private static readonly panels = new Map<string, ComparePanel>();
  private ready = false;
  private markReady: () => void = () => undefined;
  /** Settles when the page has loaded and said so; tests wait on it rather than polling against a clock. */
  readonly whenReady = new Promise<void>((resolve) => (this.markReady = resolve));
  private queue: HostToCompare[] = [];
  private readonly toPage: Requester<HostToCompare, Replies<HostToCompare>>;

  /** The open compare panels, oldest first (tests look for theirs). */
  static all(): ComparePanel[] {
    return [...ComparePanel.panels.values()];
  }

  /** Opens (or reveals) the panel comparing `a` with `b`; `fresh` tells whether it was just created. */
  static show(extensionUri: vscode.Uri, a: string, b: string, hooks: CompareHooks): { panel: ComparePanel; fresh: boolean } {
    const key = `${a}\n${b}`;
    const existing = ComparePanel.panels.get(key);
    if (existing) {
      existing.panel.reveal();
      return { panel: existing, fresh: false };
    }
    const title = vscode.l10n.t('Compare: {0} and {1}', path.basename(a), path.basename(b));
    const panel = vscode.window.createWebviewPanel(COMPARE_VIEW_TYPE, title, vscode.ViewColumn.Active, {
      enableScripts: true,
      retainContextWhenHidden: false,
      localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'dist'), vscode.Uri.joinPath(extensionUri, 'media'), vscode.Uri.file(a), vscode.Uri.file(b)],
    });
    return { panel: new ComparePanel(panel, extensionUri, [a, b], title, hooks), fresh: true };
  }

  private constructor(
    readonly panel: vscode.WebviewPanel,
    extensionUri: vscode.Uri,
    /** The model folders A and B. */
    readonly dirs: [string, string],
    title: string,
    hooks: CompareHooks,
  ) {
    const key = dirs.join('\n');
    ComparePanel.panels.set(key, this);
    const webview = panel.webview;
    webview.html = renderCompareHtml(webviewPageInput(webview, extensionUri, 'compare.js', title));
    this.toPage = new Requester((e) => void webview.postMessage(e), (f) => new Error(f.message));
    const handlers: Handlers<CompareToHost, Replies<CompareToHost>, never> = {
      ready: () => {
        this.ready = true;
        for (const m of this.queue) this.toPage.notify(m);
        this.queue = [];
        this.markReady();
      },
      computeMetrics: () => hooks.onComputeMetrics(this),
    };
    webview.onDidReceiveMessage(
      serve<CompareToHost, Replies<CompareToHost>>(handlers, () => undefined, {
        messages: compareToHost,
        onInvalid: (problem) => hooks.log(`ignored a message from the compare panel: ${problem}`),
        toFailure: (err): Failure => ({ message: err instanceof Error ? err.message : String(err), userError: false }),
      }),
    );
    panel.onDidDispose(() => ComparePanel.panels.delete(key));
  }

  /** A webview URI the page can fetch a model's file from. */
  resourceUri(file: string): string {
    return this.panel.webview.asWebviewUri(vscode.Uri.file(file)).toString();
  }

  /** Sends a message to the page, or queues it until the page has said it is ready. */
  post(msg: HostToCompare): void {
    if (this.ready) this.toPage.notify(msg);
    else this.queue.push(msg);
  }
}
