// The side view page: models in the workspace, live training status, quick actions and the latent pad.
import { serve, type Envelope, type Replies } from '../../protocol/envelope';
import { hostToSide, type HostToSide, type ModelEntry, type SideToHost, type TrainingStatus } from '../../protocol/sideView';
import { drawGrid } from '../imageGrid';
import { l10n } from '../l10n';
import { OnnxPageVae } from '../onnxPageVae';
import { PageVae } from '../pageVae';
import { drawSparkline } from '../sparkline';
import { LatencyMeter } from '../latencyMeter';
import { PendingAnswers } from '../pendingAnswers';
import { drawPad, padCode, padDims } from './latentPad';
import { announce } from '../views/a11y';
import { sideViewPage } from '../../protocol/sideViewPage';

interface VsCodeApi {
  postMessage(e: Envelope<SideToHost>): void;
  getState(): unknown;
  setState(s: unknown): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();
const send = (message: SideToHost) => vscode.postMessage({ kind: 'notify', message });
const $ = <T extends HTMLElement>(elementId: string) => document.getElementById(elementId) as T;
const id = sideViewPage.ids;
let models: ModelEntry[] = [];
let pad: { vae: PageVae; dims: [number, number]; shape: [number, number, number]; modelDir: string } | null = null;
let padFor = '';
const latency = new LatencyMeter();
/** An imported model's pad: the codes still waiting for their ONNX answer (by their values). */
const pending = new PendingAnswers();
/** The pad's point (canvas pixels), where the arrow keys move it from. */
let padAt: [number, number] = [0, 0];

function renderModels(current: string | null): void {
  $(id.noModels).hidden = models.length > 0;
  $<HTMLButtonElement>(id.evaluate).disabled = current === null;
  $<HTMLButtonElement>(id.sample).disabled = current === null;
  $(id.models).replaceChildren(
    ...models.map((m, i) => {
      const li = document.createElement('li');
      const b = document.createElement('button');
      b.className = m.modelDir === current ? 'model current' : 'model';
      b.textContent = m.name;
      b.title = m.modelDir;
      b.addEventListener('click', () => send({ type: 'openModel', index: i }));
      const info = document.createElement('span');
      info.className = 'note';
      info.textContent = ` ${l10n.t(m.status)}, ${m.epochs === 1 ? l10n.t('1 epoch') : l10n.t('{0} epochs', m.epochs)}${m.negElbo !== null ? `, −ELBO ${m.negElbo.toFixed(1)}` : ''}`;
      li.append(b, info);
      return li;
    }),
  );
}

function renderTraining(t: TrainingStatus | null): void {
  $(id.training).hidden = !t;
  if (!t) return;
  const prior = t.codePrior ? `; ${l10n.t('code prior {0}/{1}', t.codePrior.epoch, t.codePrior.epochs)}` : '';
  $(id.trainStatus).textContent = `${t.modelDir.split(/[\\/]/).pop()}: ${l10n.t('epoch {0}/{1}', t.epoch, t.epochs)}${t.history.length ? `, −ELBO ${t.history.at(-1)!.toFixed(1)}` : ''}${prior}`;
  drawSparkline($<HTMLCanvasElement>(id.spark), t.history);
}

async function loadPad(msg: Extract<HostToSide, { type: 'pad' }>): Promise<void> {
  if (padFor === msg.source.weightsUri) return;
  padFor = msg.source.weightsUri;
  try {
    const vae = msg.source.onnx ? await OnnxPageVae.load(msg.source, msg.model) : await PageVae.load(msg.source, msg.model);
    // an imported model's decode lands later: draw again where the pointer is
    if (vae instanceof OnnxPageVae) vae.onReady = () => padAt && decodeAt(padAt[0], padAt[1]);
    pad?.vae.dispose();
    latency.reset();
    pending.clear();
    pad = { vae, dims: padDims(msg.klPerDim), shape: msg.model.inputShape, modelDir: msg.modelDir };
    $(id.padSection).hidden = false;
    $(id.padDims).textContent = `(z${pad.dims[0]} → x, z${pad.dims[1]} → y)`;
    $(id.padNote).textContent = `${msg.modelDir.split(/[\\/]/).pop()}: ${l10n.t('move over the pad; the other dimensions stay at 0.')}`;
    decodeAt($<HTMLCanvasElement>(id.pad).width / 2, $<HTMLCanvasElement>(id.pad).height / 2);
  } catch (err) {
    padFor = '';
    $(id.padNote).textContent = l10n.t('The pad cannot decode here: {0}', (err as Error).message);
  }
}

function decodeAt(px: number, py: number): void {
  if (!pad) return;
  const started = performance.now();
  const canvas = $<HTMLCanvasElement>(id.pad);
  const [h, w, c] = pad.shape;
  const code = padCode(pad.vae.latentDim, pad.dims, px, py, canvas.width);
  const imported = pad.vae instanceof OnnxPageVae ? pad.vae : null;
  // an imported model draws a stand-in until ONNX Runtime answers: timing that draw would flatter it, so its latency
  // runs from the move that asked for a code to the drawing of that code's own answer
  const exact = !imported || imported.hasDecoded(code, 1);
  const pixels = pad.vae.decode(code, 1);
  drawGrid($<HTMLCanvasElement>(id.padImage), pixels, 1, h, w, c as 1 | 3, 1);
  drawPad(canvas, [px, py]);
  padAt = [px, py];
  const key = code.join(',');
  if (!exact) return pending.waiting(key, started);
  latency.record(pending.shown(key, performance.now(), started));
  showLatency(imported !== null);
}

/** "decode + draw: p95 3.1 ms over the last 40 moves"; the figures are also data attributes, for tests. */
function showLatency(imported: boolean): void {
  const el = $(id.padLatency);
  const p95 = latency.percentile(95);
  el.dataset.p95 = String(p95);
  el.dataset.count = String(latency.count);
  el.textContent = imported
    ? l10n.t('move to decoded image (onnxruntime-web): p95 {0} ms over the last {1} answers', p95.toFixed(1), latency.count)
    : l10n.t('decode + draw: p95 {0} ms over the last {1} moves', p95.toFixed(1), latency.count);
}

// The one router: host messages arrive in the envelope and are checked against hostToSide before a handler runs.
const route = serve<HostToSide, Replies<HostToSide>>(
  {
    state: (msg) => {
      models = msg.models;
      renderModels(msg.current);
      renderTraining(msg.training);
    },
    pad: (msg) => loadPad(msg),
  },
  () => undefined,
  { messages: hostToSide, onInvalid: (problem) => console.error(`refused a message from the host: ${problem}`), toFailure: (err) => ({ message: String(err), userError: false }) },
);
window.addEventListener('message', (e: MessageEvent<unknown>) => route(e.data));
$(id.train).addEventListener('click', () => send({ type: 'train' }));
$(id.open).addEventListener('click', () => send({ type: 'open' }));
$(id.evaluate).addEventListener('click', () => send({ type: 'evaluate' }));
$(id.sample).addEventListener('click', () => send({ type: 'sample' }));
$(id.exportLatents).addEventListener('click', () => send({ type: 'exportLatents' }));
$(id.cancel).addEventListener('click', () => send({ type: 'cancel' }));
$(id.pad).addEventListener('pointermove', (e) => {
  const canvas = $<HTMLCanvasElement>(id.pad);
  const box = canvas.getBoundingClientRect();
  decodeAt(((e.clientX - box.left) * canvas.width) / box.width, ((e.clientY - box.top) * canvas.height) / box.height);
});
// the keyboard: arrow keys move the point by a sixteenth of the pad (Shift: a sixty-fourth), Home to the centre
$(id.pad).addEventListener('keydown', (e) => {
  const canvas = $<HTMLCanvasElement>(id.pad);
  const step = canvas.width / (e.shiftKey ? 64 : 16);
  const moves: Record<string, [number, number]> = { ArrowLeft: [-step, 0], ArrowRight: [step, 0], ArrowUp: [0, -step], ArrowDown: [0, step] };
  const clamp = (v: number) => Math.max(0, Math.min(canvas.width, v));
  const next: [number, number] | null = e.key === 'Home' ? [canvas.width / 2, canvas.height / 2] : moves[e.key] ? [clamp(padAt[0] + moves[e.key][0]), clamp(padAt[1] + moves[e.key][1])] : null;
  if (!next || !pad) return;
  e.preventDefault();
  decodeAt(...next);
  const code = padCode(pad.vae.latentDim, pad.dims, next[0], next[1], canvas.width);
  announce(`z${pad.dims[0]} = ${code[pad.dims[0]].toFixed(1)}, z${pad.dims[1]} = ${code[pad.dims[1]].toFixed(1)}`);
});
drawPad($<HTMLCanvasElement>(id.pad), null);
send({ type: 'ready' });
