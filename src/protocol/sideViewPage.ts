// The side view's page as both sides know it: its element ids (typed constants) and its body built from them.
// The host serves the body (extension/sideViewHtml.ts); the page (webview/side/main.ts) finds its elements
// through the same constants.
import { section } from './panel/section';

export const sideViewPage = section(
  'sideView',
  {
    train: 'train', open: 'open', sample: 'sample', evaluate: 'evaluate', exportLatents: 'export-latents', training: 'training', trainStatus: 'train-status', spark: 'spark', cancel: 'cancel',
    models: 'models', noModels: 'no-models', padSection: 'pad-section', padDims: 'pad-dims', pad: 'pad', padImage: 'pad-image', padNote: 'pad-note', padLatency: 'pad-latency',
  },
  (id) => `<main><h1 class="visually-hidden">Latent Explorer</h1><div class="actions"><button id="${id.train}">Train…</button><button id="${id.open}">Open…</button><button id="${id.sample}" disabled>Sample</button><button id="${id.evaluate}" disabled>Evaluate</button><button id="${id.exportLatents}">Export Latents…</button></div>
<section id="${id.training}" hidden><h2>Training</h2><p id="${id.trainStatus}"></p><canvas id="${id.spark}" width="200" height="40" role="img" aria-label="−ELBO per epoch" aria-describedby="${id.trainStatus}"></canvas>
<button id="${id.cancel}">Cancel</button></section>
<section><h2>Models</h2><ul id="${id.models}" class="models"></ul><p id="${id.noModels}" class="note">No models yet: train one on a folder, or open a saved one.</p></section>
<section id="${id.padSection}" hidden><h2>Latent pad <small id="${id.padDims}"></small></h2>
<div class="pad"><canvas id="${id.pad}" width="160" height="160" tabindex="0" role="application" aria-label="Latent pad: move over it or use the arrow keys to decode (Home: the centre)" aria-describedby="${id.padDims} ${id.padNote}"></canvas><canvas id="${id.padImage}" width="10" height="10" role="img" aria-label="image decoded at the pad's point"></canvas></div>
<p id="${id.padNote}" class="note"></p><p id="${id.padLatency}" class="note"></p></section></main>`,
);
