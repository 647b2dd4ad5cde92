// The Compare Models page's HTML; pure so the page test serves exactly this. Same CSP as the model panel (our
// nonce'd script, our stylesheet, fetches from the webview's resource origin: the two models' weights).
import { comparePage } from '../protocol/comparePage';
import { bundleElement, translateHtml } from '../protocol/l10n';
import { pageHead, type PanelHtmlInput } from './panelHtml';

export function renderCompareHtml(i: PanelHtmlInput): string {
  return `${pageHead(i)}
<body>
${translateHtml(comparePage.html({ title: i.title }), i.l10n)}
${bundleElement(i.l10n)}
<script nonce="${i.nonce}" src="${i.scriptUri}"></script>
</body>
</html>`;
}
