// The model panel's HTML. Pure (no vscode import) so the webview test renders exactly what the panel serves.
// CSP: nothing loads but our own script (by nonce), stylesheet and the model's weights (from the webview's
// resource origin); images only from data:/blob: (canvas exports). No inline script, no JS eval.
import { PANEL_HEADER, PANEL_SECTIONS } from '../protocol/panel';
import { bundleElement, translateHtml, type L10nBundle } from '../protocol/l10n';

export interface PanelHtmlInput {
  cspSource: string;
  nonce: string;
  scriptUri: string;
  styleUri: string;
  title: string;
  /** vscode.l10n.bundle: undefined in English. */
  l10n?: L10nBundle;
  /** vscode.env.language, for <html lang>. */
  lang?: string;
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** The policy both webviews use: our nonce'd script, our stylesheet and resources, fetches from the resource origin. */
export function contentSecurityPolicy(cspSource: string, nonce: string): string {
  return [
    "default-src 'none'",
    // 'wasm-unsafe-eval' permits compiling WebAssembly only (never JS eval): tfjs's int64 helper (long.js) probes
    // for it at load, and the wasm decoder fallback needs it.
    `script-src 'nonce-${nonce}' 'wasm-unsafe-eval'`,
    `style-src ${cspSource}`,
    `img-src ${cspSource} data: blob:`,
    `font-src ${cspSource}`,
    // the page's own decoder fetches the model's weights file, served from the model folder
    `connect-src ${cspSource}`,
  ].join('; ');
}

/** Doctype through <head>: the policy, the viewport and our stylesheet. */
export function pageHead(i: PanelHtmlInput): string {
  return `<!DOCTYPE html>
<html lang="${escapeHtml(i.lang ?? 'en')}">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${contentSecurityPolicy(i.cspSource, i.nonce)}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${i.styleUri}">
<title>${escapeHtml(i.title)}</title>
</head>`;
}

/** The page: the header and the sections, each from its fragment in protocol/panel/ (the ids the page uses). */
export function renderPanelHtml(i: PanelHtmlInput): string {
  const page = { title: escapeHtml(i.title) };
  const body = `${PANEL_HEADER.html(page)}
<main>
${PANEL_SECTIONS.map((s) => s.html(page)).join('\n')}
</main>`;
  return `${pageHead(i)}
<body>
${translateHtml(body, i.l10n)}
${bundleElement(i.l10n)}
<script nonce="${i.nonce}" src="${i.scriptUri}"></script>
</body>
</html>`;
}
