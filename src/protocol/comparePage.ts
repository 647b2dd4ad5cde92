// The Compare Models page as both sides know it: its element ids (typed constants) and its body built from them.
// The host serves the body (extension/compareHtml.ts); the page (webview/compare/main.ts) finds its elements
// through the same constants.
import { section } from './panel/section';

export const comparePage = section(
  'compare',
  {
    title: 'cmp-title', nameA: 'cmp-name-a', nameB: 'cmp-name-b',
    loss: 'cmp-loss', lossLegend: 'cmp-loss-legend', lossTable: 'cmp-loss-table',
    kl: 'cmp-kl', klLegend: 'cmp-kl-legend', klTable: 'cmp-kl-table',
    metrics: 'cmp-metrics', computeMetrics: 'cmp-compute-metrics', metricsNote: 'cmp-metrics-note',
    samplesNote: 'cmp-samples-note', samplesA: 'cmp-samples-a', samplesB: 'cmp-samples-b', reroll: 'cmp-reroll', samplesSharpness: 'cmp-samples-sharpness',
    recNote: 'cmp-rec-note', recA: 'cmp-rec-a', recB: 'cmp-rec-b',
    interpNote: 'cmp-interp-note', interpA: 'cmp-interp-a', interpB: 'cmp-interp-b',
  },
  (id) => `<main><h1 id="${id.title}">Compare models</h1><p class="note"><span id="${id.nameA}"></span> · <span id="${id.nameB}"></span></p>
<section aria-labelledby="cmp-loss-h"><h2 id="cmp-loss-h">Loss curves <small>(−ELBO, nats per image, shared axes)</small></h2>
<canvas id="${id.loss}" width="640" height="260" role="img" aria-label="Loss curves of both models (the table below holds the values)"></canvas><div id="${id.lossLegend}" class="legend"></div>
<details class="as-table"><summary>Show as table</summary><table id="${id.lossTable}"></table></details></section>
<section aria-labelledby="cmp-kl-h"><h2 id="cmp-kl-h">KL per dimension <small>(sorted, largest first)</small></h2>
<canvas id="${id.kl}" width="640" height="220" role="img" aria-label="KL per dimension of both models, sorted (the table below holds the values)"></canvas><div id="${id.klLegend}" class="legend"></div>
<details class="as-table"><summary>Show as table</summary><table id="${id.klTable}"></table></details></section>
<section aria-labelledby="cmp-metrics-h"><h2 id="cmp-metrics-h">Metrics</h2><table id="${id.metrics}"></table>
<div class="controls"><button id="${id.computeMetrics}">Compute metrics for both…</button></div><p id="${id.metricsNote}" class="note" aria-live="polite"></p></section>
<section aria-labelledby="cmp-samples-h"><h2 id="cmp-samples-h">Samples from the same z</h2><p id="${id.samplesNote}" class="note"></p>
<div class="controls"><button id="${id.reroll}">Re-roll</button></div>
<div class="side-by-side"><figure><figcaption>model A</figcaption><canvas id="${id.samplesA}" width="10" height="10" role="img" aria-label="Samples of model A"></canvas></figure>
<figure><figcaption>model B</figcaption><canvas id="${id.samplesB}" width="10" height="10" role="img" aria-label="Samples of model B from the same codes"></canvas></figure></div>
<p id="${id.samplesSharpness}" class="note" aria-live="polite"></p></section>
<section aria-labelledby="cmp-rec-h"><h2 id="cmp-rec-h">Reconstructions of the same images</h2><p id="${id.recNote}" class="note" aria-live="polite"></p>
<div class="side-by-side"><figure><figcaption>model A</figcaption><canvas id="${id.recA}" width="10" height="10" role="img" aria-label="Reconstructions of model A (top: input, bottom: output)"></canvas></figure>
<figure><figcaption>model B</figcaption><canvas id="${id.recB}" width="10" height="10" role="img" aria-label="Reconstructions of model B of the same images (top: input, bottom: output)"></canvas></figure></div></section>
<section aria-labelledby="cmp-interp-h"><h2 id="cmp-interp-h">The same interpolation</h2><p id="${id.interpNote}" class="note"></p>
<div class="side-by-side"><figure><figcaption>model A</figcaption><canvas id="${id.interpA}" width="10" height="10" role="img" aria-label="Interpolation of model A"></canvas></figure>
<figure><figcaption>model B</figcaption><canvas id="${id.interpB}" width="10" height="10" role="img" aria-label="Interpolation of model B between the same two images"></canvas></figure></div></section></main>`,
);
