// The Compare Models page: both models' curves, KL profiles and metrics from the host, and samples and an
// interpolation decoded here by each model's own weights: from the same z (same seed) and between the same two
// images, when the models allow it (the same latent size; the same input size), else a line saying why.
import { comparePage } from '../../protocol/comparePage';
import { hostToCompare, type CompareSide, type CompareToHost, type HostToCompare, type MetricRow } from '../../protocol/compare';
import { serve, type Envelope, type Replies } from '../../protocol/envelope';
import { el } from '../dom';
import { drawInterpolation, pickableOf, DEFAULT_INTERPOLATION, type Pickable } from '../interpolate';
import { l10n } from '../l10n';
import { PageVae } from '../pageVae';
import { drawReconstructions } from '../imageGrid';
import { SAMPLE_COUNT, drawSamples } from '../samples';
import { sharpnessOfBytes } from '../../shared/sharpness';
import { priorKind, type ModelConfig } from '../../shared/types';
import { drawCompareKl, drawCompareLoss, fillMetrics } from './charts';

interface VsCodeApi {
  postMessage(e: Envelope<CompareToHost>): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();
const id = comparePage.ids;
let models: { a: CompareSide; b: CompareSide } | null = null;
let vaes: Promise<[PageVae, PageVae]> | null = null;
let pair: { images: Pickable; names: [string, string]; pixels: Uint8Array; shape: [number, number, 1 | 3] } | null = null;
let seed = 1;
/** The manifests' rows, and the metrics job's once computed. */
let rows: MetricRow[] = [];

function drawCharts(): void {
  if (!models) return;
  drawCompareLoss(el<HTMLCanvasElement>(id.loss), el(id.lossLegend), el<HTMLTableElement>(id.lossTable), models.a, models.b);
  drawCompareKl(el<HTMLCanvasElement>(id.kl), el(id.klLegend), el<HTMLTableElement>(id.klTable), models.a, models.b);
}

async function drawSamplePair(): Promise<void> {
  if (!models || !vaes) return;
  const [va, vb] = await vaes;
  if (va.latentDim !== vb.latentDim) {
    el(id.samplesNote).textContent = l10n.t('Samples from the same z need the same latent size: A has {0} dimensions, B {1}.', va.latentDim, vb.latentDim);
    for (const c of [id.samplesA, id.samplesB, id.reroll]) el(c).hidden = true;
    return;
  }
  const shapeA = models.a.summary.model.inputShape;
  const shapeB = models.b.summary.model.inputShape;
  const pa = drawSamples(el<HTMLCanvasElement>(id.samplesA), va, shapeA, { temperature: 1, seed }).pixels;
  const pb = drawSamples(el<HTMLCanvasElement>(id.samplesB), vb, shapeB, { temperature: 1, seed }).pixels;
  const [priorA, priorB] = [priorOf(va, models.a.summary.model), priorOf(vb, models.b.summary.model)];
  // drawSamples draws each model's own prior: the same z only when both are N(0, I); otherwise say which each drew
  el(id.samplesNote).textContent = priorA === null && priorB === null
    ? l10n.t('The same {0} codes z ∼ N(0, I) (seed {1}) decoded by each model.', SAMPLE_COUNT, seed)
    : l10n.t('{0} samples from each model’s own prior (seed {1}): A: {2}; B: {3}.', SAMPLE_COUNT, seed, priorA ?? 'N(0, I)', priorB ?? 'N(0, I)');
  // the blurriness a VAE-GAN is for, in one number per model
  el(id.samplesSharpness).textContent = l10n.t(
    'Sharpness of these samples (variance of the Laplacian, higher is sharper): A {0}, B {1}.',
    sharpnessOfBytes(pa, SAMPLE_COUNT, ...shapeA).toFixed(4),
    sharpnessOfBytes(pb, SAMPLE_COUNT, ...shapeB).toFixed(4),
  );
}

/** The prior drawSamples draws for this model when it is not N(0, I), in words; null for N(0, I). */
function priorOf(v: PageVae, model: ModelConfig): string | null {
  if (v.codebook) return v.codePrior ? l10n.t('its autoregressive prior over code grids') : l10n.t('uniform over its codes');
  const mixture = v.latent?.priorMixture();
  if (!mixture) return null;
  return priorKind(model) === 'vamp' ? l10n.t('the VampPrior over its K = {0} pseudo-inputs', mixture.k) : l10n.t('its mixture of K = {0} Gaussians', mixture.k);
}

async function drawInterpolations(): Promise<void> {
  if (!vaes || !pair) return;
  const [va, vb] = await vaes;
  drawInterpolation(el<HTMLCanvasElement>(id.interpA), va, pair.images, DEFAULT_INTERPOLATION);
  drawInterpolation(el<HTMLCanvasElement>(id.interpB), vb, pair.images, DEFAULT_INTERPOLATION);
  el(id.interpNote).textContent = l10n.t('From {0} to {1} (spherical, {2} steps): each model encodes both images and decodes its own path.', pair.names[0], pair.names[1], DEFAULT_INTERPOLATION.steps);
  drawPairReconstructions(va, vb);
}

/** Each model's reconstruction E[x|μ(x)] of the pair's two images, and the sharpness of inputs and outputs. */
function drawPairReconstructions(va: PageVae, vb: PageVae): void {
  if (!pair) return;
  const { pixels, shape } = pair;
  const [h, w, c] = shape;
  const reconOf = (v: PageVae) => v.decode(v.encodeMu(pixels, 2), 2);
  const [ra, rb] = [reconOf(va), reconOf(vb)];
  drawReconstructions(el<HTMLCanvasElement>(id.recA), { count: 2, height: h, width: w, channels: c, originals: pixels, reconstructions: ra });
  drawReconstructions(el<HTMLCanvasElement>(id.recB), { count: 2, height: h, width: w, channels: c, originals: pixels, reconstructions: rb });
  const of = (p: Uint8Array) => sharpnessOfBytes(p, 2, h, w, c).toFixed(4);
  el(id.recNote).textContent = l10n.t('{0} and {1} (top: input, bottom: each model’s output from μ). Sharpness (variance of the Laplacian): inputs {2}, A {3}, B {4}.', pair.names[0], pair.names[1], of(pixels), of(ra), of(rb));
}

function showProblem(err: unknown): void {
  el(id.samplesNote).textContent = l10n.t('(cannot decode in this page: {0})', (err as Error).message);
}

const handlers: { [K in HostToCompare['type']]: (m: Extract<HostToCompare, { type: K }>) => void } = {
  models: (m) => {
    models = { a: m.a, b: m.b };
    el(id.nameA).textContent = `A = ${m.a.summary.name}`;
    el(id.nameB).textContent = `B = ${m.b.summary.name}`;
    drawCharts();
    rows = m.rows;
    fillMetrics(el<HTMLTableElement>(id.metrics), rows);
    vaes = Promise.all([PageVae.load(m.a.decoder, m.a.summary.model), PageVae.load(m.b.decoder, m.b.summary.model)]);
    vaes.then(() => drawSamplePair(), showProblem);
  },
  metricRows: (m) => {
    rows = [...rows.filter((r) => !m.rows.some((n) => n.name === r.name)), ...m.rows];
    fillMetrics(el<HTMLTableElement>(id.metrics), rows);
    el(id.metricsNote).textContent = m.note;
    el<HTMLButtonElement>(id.computeMetrics).disabled = false;
  },
  pair: (m) => {
    if (!m.pair) {
      el(id.interpNote).textContent = m.reason;
      for (const c of [id.interpA, id.interpB, id.recA, id.recB]) el(c).hidden = true;
      el(id.recNote).textContent = m.reason;
      return;
    }
    pair = { images: pickableOf(null, m.pair)!, names: m.pair.names, pixels: m.pair.pixels, shape: [m.pair.height, m.pair.width, m.pair.channels] };
    void drawInterpolations().catch(showProblem);
  },
};

const route = serve<HostToCompare, Replies<HostToCompare>>(handlers as never, () => undefined, {
  messages: hostToCompare,
  onInvalid: (problem) => console.error(`refused a message from the host: ${problem}`),
  toFailure: (err) => ({ message: err instanceof Error ? err.message : String(err), userError: false }),
});
window.addEventListener('message', (e: MessageEvent<unknown>) => route(e.data));
el(id.reroll).addEventListener('click', () => {
  seed++;
  void drawSamplePair();
});
el(id.computeMetrics).addEventListener('click', () => {
  el<HTMLButtonElement>(id.computeMetrics).disabled = true;
  el(id.metricsNote).textContent = l10n.t('Computing in a job process per model (progress in the notification)…');
  vscode.postMessage({ kind: 'notify', message: { type: 'computeMetrics' } });
});
// the charts read the theme's colours: VS Code swaps the body class on a theme change
new MutationObserver(drawCharts).observe(document.body, { attributes: true, attributeFilter: ['class'] });
vscode.postMessage({ kind: 'notify', message: { type: 'ready' } });
