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
import { drawSamples } from '../samples';
import { drawCompareKl, drawCompareLoss, fillMetrics } from './charts';

interface VsCodeApi {
  postMessage(e: Envelope<CompareToHost>): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();
const id = comparePage.ids;
let models: { a: CompareSide; b: CompareSide } | null = null;
let vaes: Promise<[PageVae, PageVae]> | null = null;
let pair: { images: Pickable; names: [string, string] } | null = null;
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
  drawSamples(el<HTMLCanvasElement>(id.samplesA), va, models.a.summary.model.inputShape, { temperature: 1, seed });
  drawSamples(el<HTMLCanvasElement>(id.samplesB), vb, models.b.summary.model.inputShape, { temperature: 1, seed });
  el(id.samplesNote).textContent = l10n.t('The same {0} codes z ∼ N(0, I) (seed {1}) decoded by each model.', 32, seed);
}

async function drawInterpolations(): Promise<void> {
  if (!vaes || !pair) return;
  const [va, vb] = await vaes;
  drawInterpolation(el<HTMLCanvasElement>(id.interpA), va, pair.images, DEFAULT_INTERPOLATION);
  drawInterpolation(el<HTMLCanvasElement>(id.interpB), vb, pair.images, DEFAULT_INTERPOLATION);
  el(id.interpNote).textContent = l10n.t('From {0} to {1} (spherical, {2} steps): each model encodes both images and decodes its own path.', pair.names[0], pair.names[1], DEFAULT_INTERPOLATION.steps);
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
      for (const c of [id.interpA, id.interpB]) el(c).hidden = true;
      return;
    }
    pair = { images: pickableOf(null, m.pair)!, names: m.pair.names };
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
