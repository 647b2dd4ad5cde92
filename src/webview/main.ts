// The model panel's page: a router for host messages, state kept with getState/setState so a hidden or
// reloaded panel comes back as it was (and the serializer knows which model to reopen).
import type { EpochMetrics } from '../engine/types';
import type { DecoderSource, HostToWebview, ModelSummary, PreviewMessage, WebviewToHost } from '../protocol/webview';
import { PageDecoder } from './decoder';
import { drawReconstructions } from './imageGrid';
import { drawSamples, type SampleSettings } from './samples';
import { klVerdict, renderKlBars } from './klBars';
import { drawLossChart } from './lossChart';

interface VsCodeApi {
  postMessage(msg: WebviewToHost): void;
  getState(): PanelState | undefined;
  setState(s: PanelState): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

interface PanelState {
  modelDir?: string;
  summary: ModelSummary | null;
  epochs: EpochMetrics[];
  preview: PreviewMessage | null;
  notice: string;
  decoderSource?: DecoderSource;
  samples?: SampleSettings;
}

const vscode = acquireVsCodeApi();
let state: PanelState = vscode.getState() ?? { summary: null, epochs: [], preview: null, notice: '' };
const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
let decoder: PageDecoder | null = null;
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
  fact(facts, 'KL weight', `β = ${s.training.beta}${s.training.warmupEpochs ? `, warm-up ${s.training.warmupEpochs} epochs` : ''}`);
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
  if (!decoder || !state.summary) return;
  const ms = drawSamples($<HTMLCanvasElement>('samples'), decoder, state.summary, s);
  $('samples-note').textContent = `(decoded in this page with tfjs-${decoder.backend}, ${ms.toFixed(1)} ms)`;
}

/** (Re)loads the in-page decoder when the weights file changes (a new checkpoint has a new content-named file). */
async function ensureDecoder(): Promise<void> {
  const source = state.decoderSource;
  if (!source || !state.summary || decoderFor === source.weightsUri) return;
  decoderFor = source.weightsUri;
  try {
    const next = await PageDecoder.load(source, state.summary.model);
    decoder?.dispose();
    decoder = next;
    renderSamples();
  } catch (err) {
    decoderFor = '';
    $('samples-note').textContent = `(cannot decode in this page: ${(err as Error).message})`;
  }
}

function render(): void {
  renderSummary();
  drawLossChart($<HTMLCanvasElement>('loss'), $('legend'), state.epochs);
  if (state.preview) drawReconstructions($<HTMLCanvasElement>('recon'), state.preview);
  $('recon-note').textContent = state.preview ? '' : state.notice || 'Reconstructions appear after the first epoch.';
  renderDiagnostics();
  renderSamples();
  void ensureDecoder();
}

function save(): void {
  vscode.setState({ ...state, modelDir: state.summary?.modelDir ?? state.modelDir });
}

function onMessage(msg: HostToWebview): void {
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
      state.preview = msg;
      break;
    case 'notice':
      state.notice = msg.text;
      break;
    case 'decoder':
      state.decoderSource = msg.source;
      break;
  }
  save();
  render();
}

window.addEventListener('message', (e: MessageEvent<HostToWebview>) => onMessage(e.data));
$('cancel').addEventListener('click', () => vscode.postMessage({ type: 'cancelTraining' }));
$('temperature').addEventListener('input', () => {
  state.samples = { ...sampleSettings(), temperature: Number($<HTMLInputElement>('temperature').value) };
  save();
  renderSamples();
});
$('reroll').addEventListener('click', () => {
  state.samples = { ...sampleSettings(), seed: sampleSettings().seed + 1 };
  save();
  renderSamples();
});
// Re-draw canvases when the theme changes (VS Code swaps the body class and the CSS variables).
new MutationObserver(() => render()).observe(document.body, { attributes: true, attributeFilter: ['class'] });
render();
vscode.postMessage({ type: 'ready' });
