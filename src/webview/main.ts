// long-file: the router and its section renderers move into views/ modules (architecture issue, in progress).
// The model panel's page: a router for host messages, state kept with getState/setState so a hidden or
// reloaded panel comes back as it was (and the serializer knows which model to reopen).
import type { EpochMetrics } from '../shared/types';
import type { Encoding } from '../protocol/encoding';
import { serve, type Envelope, type Replies } from '../protocol/envelope';
import type { LatentMap } from '../protocol/latentMap';
import type { Preview } from '../protocol/preview';
import { hostToPage, isRemedyName, type DecoderSource, type HostToPage, type InterpolatePair, type ModelSummary, type PageToHost } from '../protocol/webview';
import { decodeCode, drawEncodedImages, klOfDim, renderEncodeRows } from './encodeView';
import { codeAt, drawLatentMap, pointAt, type MapView } from './latentMap';
import { fromJsonSafe, toJsonSafe } from './persist';
import { PageVae } from './pageVae';
import { drawGrid, drawReconstructions, reconstructionAt } from './imageGrid';
import { DEFAULT_INTERPOLATION, codeOf, drawInterpolation, renderPicker, type InterpolateSettings, type Pickable } from './interpolate';
import { SAMPLE_COUNT, drawSamples, type SampleSettings } from './samples';
import { imageGrid } from '../shared/imageGrid';
import { TRAVERSE_STEPS, drawTraversal } from './traverse';
import { klVerdict, renderKlBars } from './klBars';
import { drawKlHeatmap } from './klHeatmap';
import { drawLossChart } from './lossChart';
import { drawSparkline } from './sparkline';

interface VsCodeApi {
  postMessage(e: Envelope<PageToHost>): void;
  getState(): unknown;
  setState(s: unknown): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

interface PanelState {
  modelDir?: string;
  summary: ModelSummary | null;
  epochs: EpochMetrics[];
  preview: Preview | null;
  notice: string;
  decoderSource?: DecoderSource;
  samples?: SampleSettings;
  interpolation?: InterpolateSettings;
  pickNext?: 'a' | 'b';
  traverseAround?: 'image' | 'origin';
  /** Two images sent by "Interpolate Between Images": shown first in the picker. */
  pair?: InterpolatePair;
  encoded?: Encoding;
  /** The edited latent code of the encoded image (starts at μ). */
  code?: number[];
}

const vscode = acquireVsCodeApi();
const send = (message: PageToHost) => vscode.postMessage({ kind: 'notify', message });
let state: PanelState = (fromJsonSafe(vscode.getState()) as PanelState | undefined) ?? { summary: null, epochs: [], preview: null, notice: '' };
const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
/** The model running in this page, once its weights are fetched. */
let vae: PageVae | null = null;
let decoderFor = '';

function fact(dl: HTMLElement, term: string, value: string): void {
  const dt = document.createElement('dt');
  dt.textContent = term;
  const dd = document.createElement('dd');
  dd.textContent = value;
  dl.append(dt, dd);
}

function renderSummary(): void {
  const s = state.summary;
  const facts = $('facts');
  facts.replaceChildren();
  $('cancel').hidden = s?.status !== 'training';
  if (!s) {
    $('status').textContent = 'Waiting for the model…';
    return;
  }
  $('title').textContent = `VAE: ${s.name}`;
  const last = state.epochs.at(-1);
  $('status').textContent = `${s.status}${last ? ` — epoch ${last.epoch}/${s.training.epochs}` : ''}${state.notice ? ` — ${state.notice}` : ''}`;
  const m = s.model;
  fact(facts, 'Architecture', `MLP ${m.inputShape.join('×')} → ${[...m.hidden, m.latentDim].join('-')} → ${[...m.hidden].reverse().join('-')}`);
  fact(facts, 'Decoder', m.likelihood === 'bernoulli' ? 'Bernoulli' : `${m.likelihood} (scale ${m.decoderScale})`);
  fact(facts, 'KL weight', `β = ${s.training.beta}${s.training.warmupEpochs ? `, warm-up ${s.training.warmupEpochs} epochs` : ''}${s.training.freeBits ? `, free bits ${s.training.freeBits} nats/dim` : ''}`);
  fact(facts, 'Training', `${s.training.epochs} epochs, batch ${s.training.batchSize}, Adam lr ${s.training.learningRate}`);
  fact(facts, 'Dataset', `${s.dataset.count} images (${s.dataset.trainCount} train, ${s.dataset.validationCount} validation)${s.dataset.labelNames.length ? `, ${s.dataset.labelNames.length} classes` : ''}`);
  if (last) fact(facts, '−ELBO', `${last.train.negElbo.toFixed(2)} train${last.validation ? `, ${last.validation.negElbo.toFixed(2)} validation` : ''} nats`);
}

function renderDiagnostics(): void {
  const last = state.epochs.at(-1);
  const split = last?.validation ?? last?.train;
  if (!split) {
    $('klbars').replaceChildren();
    $('verdict').textContent = '';
    $('active').textContent = '';
    return;
  }
  renderKlBars($('klbars'), split.klPerDim);
  $('remedies').classList.toggle('urgent', split.klPerDim.some((v) => v < 0.01));
  drawKlHeatmap($<HTMLCanvasElement>('klheat'), state.epochs);
  const betas = state.epochs.map((e) => e.beta);
  const target = state.summary?.training.beta ?? Math.max(...betas);
  drawSparkline($<HTMLCanvasElement>('beta'), betas, [0, Math.max(target, ...betas) || 1]);
  const warm = state.summary?.training.warmupEpochs ?? 0;
  $('beta-note').textContent = `(target β = ${target}${warm ? `, linear warm-up over ${warm} epochs` : ', no warm-up'}; latest ${betas.at(-1)?.toFixed(3)})`;
  $('active').textContent = `(${last?.validation ? 'validation' : 'train'}; active units ${split.activeUnits}/${split.klPerDim.length})`;
  $('verdict').textContent = klVerdict(split.klPerDim);
}

function sampleSettings(): SampleSettings {
  return state.samples ?? { temperature: 1, seed: 1 };
}

function renderSamples(): void {
  const s = sampleSettings();
  $<HTMLInputElement>('temperature').value = String(s.temperature);
  $('temperature-value').textContent = s.temperature.toFixed(1);
  if (!vae || !state.summary) return;
  const { pixels, ms } = drawSamples($<HTMLCanvasElement>('samples'), vae, state.summary, s);
  lastSamples = pixels;
  $('samples-note').textContent = `(decoded in this page with tfjs-${vae.backend}, ${ms.toFixed(1)} ms)`;
}

/** The images the picker offers: an Explorer pair first, then the preview's inputs. */
function pickable(): Pickable | null {
  const p = state.preview;
  const pair = state.pair;
  if (!pair) return p;
  const originals = new Uint8Array(pair.pixels.length + (p?.originals.length ?? 0));
  originals.set(pair.pixels);
  if (p) originals.set(p.originals, pair.pixels.length);
  return { height: pair.height, width: pair.width, channels: pair.channels, count: 2 + (p?.count ?? 0), originals };
}

function interpolation(): InterpolateSettings {
  const s = state.interpolation ?? DEFAULT_INTERPOLATION;
  const n = pickable()?.count ?? 2;
  return { ...s, a: Math.min(s.a, n - 1), b: Math.min(s.b, n - 1) };
}

function renderExplore(): void {
  const p = pickable();
  const s = interpolation();
  $<HTMLInputElement>('steps').value = String(s.steps);
  for (const r of document.querySelectorAll<HTMLInputElement>('input[name=interp-mode]')) r.checked = r.value === s.mode;
  for (const r of document.querySelectorAll<HTMLInputElement>('input[name=trav-center]')) r.checked = r.value === (state.traverseAround ?? 'image');
  if (!p) return;
  renderPicker($('picker'), p, s, (i) => {
    // alternate: a click sets A, the next sets B
    const cur = interpolation();
    const pickA = (state.pickNext ?? 'a') === 'a';
    state.interpolation = pickA ? { ...cur, a: i } : { ...cur, b: i };
    state.pickNext = pickA ? 'b' : 'a';
    save();
    renderExplore();
  });
  if (!vae || !state.summary) return;
  lastInterpolation = drawInterpolation($<HTMLCanvasElement>('interp'), vae, p, s);
  const last = state.epochs.at(-1);
  const kl = last?.validation?.klPerDim ?? last?.train.klPerDim ?? new Array<number>(vae.latentDim).fill(0);
  const center = (state.traverseAround ?? 'image') === 'image' ? codeOf(vae, p, s.a) : new Float32Array(vae.latentDim);
  const dims = drawTraversal($<HTMLCanvasElement>('traverse'), vae, state.summary.model.inputShape, kl, center);
  const rowHeight = $<HTMLCanvasElement>('traverse').height / dims.length;
  $('trav-labels').replaceChildren(
    ...dims.map((d) => {
      const label = document.createElement('span');
      label.textContent = `z${d}`;
      label.title = `KL ${kl[d].toFixed(3)} nats`;
      label.style.height = `${rowHeight}px`;
      return label;
    }),
  );
  $('traverse').dataset.steps = String(TRAVERSE_STEPS);
}

let edited: Uint8Array | null = null;
let lastSamples: Uint8Array | null = null;
let lastInterpolation: Uint8Array | null = null;

/** Hands a grid of decoded images to the host to save as PNG (same layout as the CLI's grids). */
function exportGrid(kind: 'samples' | 'interpolation', pixels: Uint8Array | null, count: number, columns: number): void {
  const m = state.summary?.model;
  if (!pixels || !m) return;
  const [h, w, c] = m.inputShape;
  const g = imageGrid(pixels, count, h, w, c as 1 | 3, columns);
  send({ type: 'exportPng', sheet: { kind, width: g.width, height: g.height, channels: c as 1 | 3, pixels: g.pixels } });
}
// the latent map is large (thumbnails): kept in memory only, not in the persisted state
let latentMap: { msg: LatentMap; view: MapView } | null = null;

function canvasPoint(canvas: HTMLCanvasElement, e: MouseEvent): [number, number] {
  const box = canvas.getBoundingClientRect();
  return [((e.clientX - box.left) * canvas.width) / box.width, ((e.clientY - box.top) * canvas.height) / box.height];
}

function showLatentMap(msg: LatentMap): void {
  const view = drawLatentMap($<HTMLCanvasElement>('map'), $('map-legend'), msg);
  latentMap = { msg, view };
  const explained = (100 * (msg.variances[0] + msg.variances[1])) / (msg.totalVariance || 1);
  $('map-note').textContent =
    msg.method === 'umap'
      ? `(UMAP of μ(x) for ${msg.count} images: neighbourhoods kept, distances not; a click decodes the nearest image's code)`
      : `(PCA of μ(x) for ${msg.count} images; the plane explains ${explained.toFixed(0)}% of their variance)`;
  $<HTMLButtonElement>('map-compute').disabled = false;
}

function renderEncoded(): void {
  const e = state.encoded;
  $('encode-section').hidden = !e;
  if (!e) return;
  const code = state.code ?? [...e.mu];
  $('enc-name').textContent = `(${baseName(e.imagePath)})`;
  const kl = e.mu.reduce((a, m, d) => a + klOfDim(m, e.logvar[d]), 0);
  const rank = e.percentile === null ? '' : ` — higher than ${e.percentile.toFixed(0)}% of the model's dataset`;
  $('enc-note').textContent = `KL(q(z|x) ‖ p(z)) = ${kl.toFixed(2)} nats; anomaly score −log p(x | z = μ) = ${e.reconError.toFixed(1)} nats${rank}.`;
  $('enc-neighbours-row').hidden = e.neighbours.length === 0;
  if (e.neighbours.length) {
    drawGrid($<HTMLCanvasElement>('enc-neighbours'), e.neighbourPixels, e.neighbours.length, e.height, e.width, e.channels, e.neighbours.length);
    $('enc-neighbour-names').textContent = e.neighbours.map((n) => `${baseName(n.source)} (${n.distance.toFixed(2)})`).join(', ');
  }
  edited = vae ? decodeCode(vae, code) : null;
  drawEncodedImages(e, edited);
  renderEncodeRows($('enc-dims'), e, code, (d, v) => {
    const next = [...(state.code ?? e.mu)];
    next[d] = v;
    state.code = next;
    save();
    if (vae) {
      edited = decodeCode(vae, next);
      drawEncodedImages(e, edited);
    }
  });
}

/** (Re)loads the in-page model when the weights file changes (a new checkpoint has a new content-named file). */
async function ensureDecoder(): Promise<void> {
  const source = state.decoderSource;
  if (!source || !state.summary || decoderFor === source.weightsUri) return;
  decoderFor = source.weightsUri;
  try {
    const next = await PageVae.load(source, state.summary.model);
    vae?.dispose();
    vae = next;
    renderSamples();
    renderExplore();
    renderEncoded();
  } catch (err) {
    decoderFor = '';
    $('samples-note').textContent = `(cannot decode in this page: ${(err as Error).message})`;
  }
}

function render(): void {
  renderSummary();
  drawLossChart($<HTMLCanvasElement>('loss'), $('legend'), state.epochs);
  if (state.preview) drawReconstructions($<HTMLCanvasElement>('recon'), state.preview);
  const p = state.preview;
  $('recon-note').textContent = p
    ? `${p.order === 'worst' ? 'The worst reconstructed images of the dataset. ' : ''}Anomaly score −log p(x | z = μ) per image, nats: ${p.errors.map((v) => v.toFixed(0)).join(', ')}. Click an input to open its file.`
    : state.notice || 'Reconstructions appear after the first epoch.';
  for (const r of document.querySelectorAll<HTMLInputElement>('input[name=rec-order]')) r.checked = r.value === (p?.order ?? 'spread');
  renderDiagnostics();
  renderSamples();
  renderExplore();
  renderEncoded();
  void ensureDecoder();
}

const baseName = (p: string) => p.split(/[\\/]/).pop() ?? p;

function save(): void {
  vscode.setState(toJsonSafe({ ...state, modelDir: state.summary?.modelDir ?? state.modelDir }));
}

function onMessage(msg: HostToPage): void {
  switch (msg.type) {
    case 'model':
      state = { ...state, summary: msg.summary, epochs: msg.epochs, notice: '' };
      break;
    case 'epoch':
      state.epochs = [...state.epochs.filter((e) => e.epoch < msg.metrics.epoch), msg.metrics];
      break;
    case 'status':
      if (state.summary) state.summary = { ...state.summary, status: msg.status };
      state.notice = msg.message ?? '';
      break;
    case 'preview':
      state.preview = msg.preview;
      break;
    case 'notice':
      state.notice = msg.text;
      break;
    case 'showSamples':
      $('samples-h').scrollIntoView({ block: 'start' });
      $<HTMLButtonElement>('reroll').click();
      return;
    case 'decoder':
      state.decoderSource = msg.source;
      break;
    case 'latentMap':
      showLatentMap(msg.map);
      return;
    case 'interpolatePair':
      state.pair = msg.pair;
      state.interpolation = { ...(state.interpolation ?? DEFAULT_INTERPOLATION), a: 0, b: 1 };
      state.pickNext = 'a';
      document.getElementById('interp-h')?.scrollIntoView?.();
      break;
    case 'encoded':
      state.encoded = msg.encoding;
      state.code = [...msg.encoding.mu];
      document.getElementById('encode-section')?.scrollIntoView?.();
      break;
  }
  save();
  render();
}

// Every host message arrives in the envelope and is checked against hostToPage; a refusal is a host bug, logged.
const route = serve<HostToPage, Replies<HostToPage>>(
  Object.fromEntries(hostToPage.types.map((t) => [t, onMessage])) as never,
  () => undefined,
  { messages: hostToPage, onInvalid: (problem) => console.error(`refused a message from the host: ${problem}`), toFailure: (err) => ({ message: String(err), userError: false }) },
);
window.addEventListener('message', (e: MessageEvent<unknown>) => route(e.data));
$('cancel').addEventListener('click', () => send({ type: 'cancelTraining' }));
for (const r of document.querySelectorAll<HTMLInputElement>('input[name=rec-order]')) {
  r.addEventListener('change', () => send({ type: 'requestPreview', order: r.value === 'worst' ? 'worst' : 'spread' }));
}
$('recon').addEventListener('click', (e) => {
  const i = state.preview ? reconstructionAt($<HTMLCanvasElement>('recon'), e, state.preview.count) : null;
  if (i !== null) send({ type: 'openSource', index: i });
});
$('temperature').addEventListener('input', () => {
  state.samples = { ...sampleSettings(), temperature: Number($<HTMLInputElement>('temperature').value) };
  save();
  renderSamples();
});
for (const r of document.querySelectorAll<HTMLInputElement>('input[name=interp-mode]')) {
  r.addEventListener('change', () => {
    state.interpolation = { ...interpolation(), mode: r.value === 'linear' ? 'linear' : 'spherical' };
    save();
    renderExplore();
  });
}
$('steps').addEventListener('change', () => {
  const steps = Math.max(2, Math.min(16, Math.round(Number($<HTMLInputElement>('steps').value)) || 8));
  state.interpolation = { ...interpolation(), steps };
  save();
  renderExplore();
});
for (const r of document.querySelectorAll<HTMLInputElement>('input[name=trav-center]')) {
  r.addEventListener('change', () => {
    state.traverseAround = r.value === 'origin' ? 'origin' : 'image';
    save();
    renderExplore();
  });
}
for (const b of document.querySelectorAll<HTMLButtonElement>('#remedies button')) {
  b.addEventListener('click', () => {
    const remedy = b.dataset.remedy;
    if (isRemedyName(remedy)) send({ type: 'retrain', remedy });
  });
}
$('map-compute').addEventListener('click', () => {
  $<HTMLButtonElement>('map-compute').disabled = true;
  $('map-note').textContent = '(encoding the dataset…)';
  send({ type: 'requestLatentMap', method: $<HTMLSelectElement>('map-method').value === 'umap' ? 'umap' : 'pca' });
});
$('map').addEventListener('mousemove', (e) => {
  if (!latentMap) return;
  const [px, py] = canvasPoint($<HTMLCanvasElement>('map'), e);
  const i = pointAt(latentMap.msg, latentMap.view, px, py);
  if (i === null) return;
  const m = latentMap.msg;
  const per = m.height * m.width * m.channels;
  drawGrid($<HTMLCanvasElement>('map-hover'), latentMap.msg.thumbnails.subarray(i * per, (i + 1) * per), 1, m.height, m.width, m.channels, 1);
  $('map-hover-label').textContent = m.labels ? m.labelNames[m.labels[i]] : `image ${i + 1}`;
});
$('map').addEventListener('click', (e) => {
  if (!latentMap || !vae) return;
  const [px, py] = canvasPoint($<HTMLCanvasElement>('map'), e);
  const [x, y] = latentMap.view.toPlane(px, py);
  const m = latentMap.msg;
  if (m.method === 'umap') {
    // no inverse map: the nearest image's μ(x), wherever the click is
    const i = pointAt(m, latentMap.view, px, py, Infinity)!;
    const d = m.codes.length / m.count;
    drawGrid($<HTMLCanvasElement>('map-decoded'), vae.decode(m.codes.slice(i * d, (i + 1) * d), 1), 1, m.height, m.width, m.channels, 1);
    $('map-decoded-label').textContent = `decoded μ of the nearest image (${m.labels ? m.labelNames[m.labels[i]] : `image ${i + 1}`})`;
    return;
  }
  drawGrid($<HTMLCanvasElement>('map-decoded'), vae.decode(codeAt(m, x, y), 1), 1, m.height, m.width, m.channels, 1);
  $('map-decoded-label').textContent = `decoded at (${x.toFixed(2)}, ${y.toFixed(2)})`;
});
$('enc-reset').addEventListener('click', () => {
  if (!state.encoded) return;
  state.code = [...state.encoded.mu];
  save();
  renderEncoded();
});
$('enc-save').addEventListener('click', () => {
  if (edited) send({ type: 'saveImage', pixels: edited });
});
$('export-samples').addEventListener('click', () => exportGrid('samples', lastSamples, SAMPLE_COUNT, 8));
$('export-interp').addEventListener('click', () => exportGrid('interpolation', lastInterpolation, interpolation().steps, interpolation().steps));
$('reroll').addEventListener('click', () => {
  state.samples = { ...sampleSettings(), seed: sampleSettings().seed + 1 };
  save();
  renderSamples();
});
// Re-draw canvases when the theme changes (VS Code swaps the body class and the CSS variables).
new MutationObserver(() => render()).observe(document.body, { attributes: true, attributeFilter: ['class'] });
render();
send({ type: 'ready' });
