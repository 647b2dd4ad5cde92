// The side view page: models in the workspace, live training status, quick actions and the latent pad.
import { serve, type Envelope, type Replies } from '../../protocol/envelope';
import { hostToSide, type HostToSide, type ModelEntry, type SideToHost, type TrainingStatus } from '../../protocol/sideView';
import { drawGrid } from '../imageGrid';
import { PageVae } from '../pageVae';
import { drawSparkline } from '../sparkline';
import { LatencyMeter } from '../latencyMeter';
import { drawPad, padCode, padDims } from './latentPad';

interface VsCodeApi {
  postMessage(e: Envelope<SideToHost>): void;
  getState(): unknown;
  setState(s: unknown): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();
const send = (message: SideToHost) => vscode.postMessage({ kind: 'notify', message });
const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
let models: ModelEntry[] = [];
let pad: { vae: PageVae; dims: [number, number]; shape: [number, number, number]; modelDir: string } | null = null;
let padFor = '';
const latency = new LatencyMeter();

function renderModels(current: string | null): void {
  $('no-models').hidden = models.length > 0;
  $<HTMLButtonElement>('evaluate').disabled = current === null;
  $<HTMLButtonElement>('sample').disabled = current === null;
  $('models').replaceChildren(
    ...models.map((m, i) => {
      const li = document.createElement('li');
      const b = document.createElement('button');
      b.className = m.modelDir === current ? 'model current' : 'model';
      b.textContent = m.name;
      b.title = m.modelDir;
      b.addEventListener('click', () => send({ type: 'openModel', index: i }));
      const info = document.createElement('span');
      info.className = 'note';
      info.textContent = ` ${m.status}, ${m.epochs} epoch${m.epochs === 1 ? '' : 's'}${m.negElbo !== null ? `, −ELBO ${m.negElbo.toFixed(1)}` : ''}`;
      li.append(b, info);
      return li;
    }),
  );
}

function renderTraining(t: TrainingStatus | null): void {
  $('training').hidden = !t;
  if (!t) return;
  $('train-status').textContent = `${t.modelDir.split(/[\\/]/).pop()}: epoch ${t.epoch}/${t.epochs}${t.history.length ? `, −ELBO ${t.history.at(-1)!.toFixed(1)}` : ''}`;
  drawSparkline($<HTMLCanvasElement>('spark'), t.history);
}

async function loadPad(msg: Extract<HostToSide, { type: 'pad' }>): Promise<void> {
  if (padFor === msg.source.weightsUri) return;
  padFor = msg.source.weightsUri;
  try {
    const vae = await PageVae.load(msg.source, msg.model);
    pad?.vae.dispose();
    latency.reset();
    pad = { vae, dims: padDims(msg.klPerDim), shape: msg.model.inputShape, modelDir: msg.modelDir };
    $('pad-section').hidden = false;
    $('pad-dims').textContent = `(z${pad.dims[0]} → x, z${pad.dims[1]} → y)`;
    $('pad-note').textContent = `${msg.modelDir.split(/[\\/]/).pop()}: move over the pad; the other dimensions stay at 0.`;
    decodeAt($<HTMLCanvasElement>('pad').width / 2, $<HTMLCanvasElement>('pad').height / 2);
  } catch (err) {
    padFor = '';
    $('pad-note').textContent = `The pad cannot decode here: ${(err as Error).message}`;
  }
}

function decodeAt(px: number, py: number): void {
  if (!pad) return;
  const started = performance.now();
  const canvas = $<HTMLCanvasElement>('pad');
  const [h, w, c] = pad.shape;
  const pixels = pad.vae.decode(padCode(pad.vae.latentDim, pad.dims, px, py, canvas.width), 1);
  drawGrid($<HTMLCanvasElement>('pad-image'), pixels, 1, h, w, c as 1 | 3, 1);
  drawPad(canvas, [px, py]);
  latency.record(performance.now() - started);
  showLatency();
}

/** "decode + draw: p95 3.1 ms over the last 40 moves"; the figures are also data attributes, for tests. */
function showLatency(): void {
  const el = $('pad-latency');
  const p95 = latency.percentile(95);
  el.dataset.p95 = String(p95);
  el.dataset.count = String(latency.count);
  el.textContent = `decode + draw: p95 ${p95.toFixed(1)} ms over the last ${latency.count} moves`;
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
$('train').addEventListener('click', () => send({ type: 'train' }));
$('open').addEventListener('click', () => send({ type: 'open' }));
$('evaluate').addEventListener('click', () => send({ type: 'evaluate' }));
$('sample').addEventListener('click', () => send({ type: 'sample' }));
$('cancel').addEventListener('click', () => send({ type: 'cancel' }));
$('pad').addEventListener('pointermove', (e) => {
  const canvas = $<HTMLCanvasElement>('pad');
  const box = canvas.getBoundingClientRect();
  decodeAt(((e.clientX - box.left) * canvas.width) / box.width, ((e.clientY - box.top) * canvas.height) / box.height);
});
drawPad($<HTMLCanvasElement>('pad'), null);
send({ type: 'ready' });
