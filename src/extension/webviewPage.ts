// What every page of ours is rendered with (panelHtml.ts): a fresh nonce, our script and stylesheet as webview
// URIs, and the display language's bundle. One place, so the panels cannot drift apart on their CSP inputs.
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import type { PanelHtmlInput } from './panelHtml';

export function webviewPageInput(webview: vscode.Webview, extensionUri: vscode.Uri, script: string, title: string): PanelHtmlInput {
  return {
    cspSource: webview.cspSource,
    nonce: randomBytes(16).toString('base64'),
    scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'dist', script)).toString(),
    styleUri: webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'media', 'panel.css')).toString(),
    title,
    l10n: vscode.l10n.bundle,
    lang: vscode.env.language,
  };
}
