// The side view's HTML; pure so the webview test serves exactly this. Same CSP as the model panel; the body
// comes from protocol/sideViewPage.ts, whose ids the page uses.
import { sideViewPage } from '../protocol/sideViewPage';
import { pageHead, type PanelHtmlInput } from './panelHtml';
import { bundleElement, translateHtml } from '../protocol/l10n';

export function renderSideViewHtml(i: Omit<PanelHtmlInput, 'title'>): string {
  return `${pageHead({ ...i, title: 'Latent Explorer' })}
<body class="side">
${translateHtml(sideViewPage.html({ title: 'Latent Explorer' }), i.l10n)}
${bundleElement(i.l10n)}
<script nonce="${i.nonce}" src="${i.scriptUri}"></script>
</body>
</html>`;
}
