// The side view's HTML; pure so the webview test serves exactly this. Same CSP as the model panel.
import { pageHead, type PanelHtmlInput } from './panelHtml';

export function renderSideViewHtml(i: Omit<PanelHtmlInput, 'title'>): string {
  return `${pageHead({ ...i, title: 'Latent Explorer' })}
<body class="side">
<div class="actions"><button id="train">Train…</button><button id="open">Open…</button><button id="sample" disabled>Sample</button><button id="evaluate" disabled>Evaluate</button></div>
<section id="training" hidden><h3>Training</h3><p id="train-status"></p><canvas id="spark" width="200" height="40" aria-label="−ELBO per epoch"></canvas>
<button id="cancel">Cancel</button></section>
<section><h3>Models</h3><ul id="models" class="models"></ul><p id="no-models" class="note">No models yet: train one on a folder, or open a saved one.</p></section>
<section id="pad-section" hidden><h3>Latent pad <small id="pad-dims"></small></h3>
<div class="pad"><canvas id="pad" width="160" height="160" aria-label="Latent pad: move over it to decode"></canvas><canvas id="pad-image" width="10" height="10"></canvas></div>
<p id="pad-note" class="note"></p><p id="pad-latency" class="note"></p></section>
<script nonce="${i.nonce}" src="${i.scriptUri}"></script>
</body>
</html>`;
}
