// Shared by the webview tests: a real small model trained on the bundled sample, the pages served as the
// extension serves them (same HTML generators, real bundles and CSS), a stub acquireVsCodeApi, pixel probes.
import { createServer, type Server } from 'node:http';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { CHROMIUM_ARGS } from '../helpers/chromium';
import { renderPanelHtml } from '../../src/extension/panelHtml';
import { renderSideViewHtml } from '../../src/extension/sideViewHtml';
import { initBackend } from '../../src/engine/backend';
import { createModel } from '../../src/engine/models/registry';
import { trainVae } from '../../src/engine/train';
import { makePreview } from '../../src/training/preview';
import { summaryOf } from '../../src/protocol/summary';
import { buildLatentMap } from '../../src/training/latentMap';
import { saveCheckpoint } from '../../src/store/modelStore';
import { rmSync } from 'node:fs';
import type { Encoding } from '../../src/protocol/encoding';
import type { HostToSide } from '../../src/protocol/sideView';
import type { HostToPage } from '../../src/protocol/webview';
import * as tf from '@tensorflow/tfjs-core';
import { loadDataset, splitDataset, subsetDataset } from '../../src/data';
import { imagesToTensor } from '../../src/engine/batches';
import { reconstruct } from '../../src/engine/generate';
import { reconstructionErrors } from '../../src/engine/anomaly';
import type { ModelConfig } from '../../src/shared/types';
import { tempDir } from '../helpers/tempDir';
import { latentStatsOf } from '../../src/training/latentStats';
import { posteriorMeans } from '../../src/engine/posteriorMeans';
import type { LatentStats } from '../../src/protocol/latentStats';
import { PageVae } from '../../src/webview/pageVae';
import { neighboursOf } from '../../src/training/neighbours';
import type { Neighbours } from '../../src/protocol/neighbours';

export const repo = resolve(__dirname, '../..');
const NONCE = 'dGVzdG5vbmNlMTIzNDU2';

export const THEMES = {
  dark: { '--vscode-foreground': '#cccccc', '--vscode-focusBorder': '#007fd4', '--vscode-textLink-foreground': '#3794ff', '--vscode-editor-background': '#1e1e1e', '--vscode-descriptionForeground': '#9d9d9d', '--vscode-charts-blue': '#3794ff', '--vscode-charts-orange': '#d18616', '--vscode-charts-green': '#89d185', '--vscode-charts-red': '#f14c4c', '--vscode-charts-purple': '#b180d7', '--vscode-charts-yellow': '#cca700', '--vscode-panel-border': '#444444', '--vscode-editorWidget-border': '#454545', '--vscode-errorForeground': '#f48771', '--vscode-button-background': '#0e639c', '--vscode-button-foreground': '#ffffff', '--vscode-font-family': 'DejaVu Sans, sans-serif', '--vscode-font-size': '13px' },
  // VS Code's "Dark High Contrast": black, white, and the cyan contrast border around every control
  'high-contrast': { '--vscode-foreground': '#ffffff', '--vscode-focusBorder': '#f38518', '--vscode-textLink-foreground': '#21a6ff', '--vscode-editor-background': '#000000', '--vscode-descriptionForeground': '#ffffff', '--vscode-charts-blue': '#3794ff', '--vscode-charts-orange': '#d18616', '--vscode-charts-green': '#89d185', '--vscode-charts-red': '#f14c4c', '--vscode-charts-purple': '#b180d7', '--vscode-charts-yellow': '#cca700', '--vscode-panel-border': '#6fc3df', '--vscode-editorWidget-border': '#6fc3df', '--vscode-contrastBorder': '#6fc3df', '--vscode-errorForeground': '#f48771', '--vscode-button-background': '#000000', '--vscode-button-foreground': '#ffffff', '--vscode-button-border': '#6fc3df', '--vscode-font-family': 'DejaVu Sans, sans-serif', '--vscode-font-size': '13px' },
  light: { '--vscode-foreground': '#333333', '--vscode-focusBorder': '#0090f1', '--vscode-textLink-foreground': '#006ab1', '--vscode-editor-background': '#ffffff', '--vscode-descriptionForeground': '#717171', '--vscode-charts-blue': '#1a85ff', '--vscode-charts-orange': '#d18616', '--vscode-charts-green': '#388a34', '--vscode-charts-red': '#e51400', '--vscode-charts-purple': '#652d90', '--vscode-charts-yellow': '#bf8803', '--vscode-panel-border': '#d4d4d4', '--vscode-editorWidget-border': '#c8c8c8', '--vscode-errorForeground': '#a1260d', '--vscode-button-background': '#007acc', '--vscode-button-foreground': '#ffffff', '--vscode-font-family': 'DejaVu Sans, sans-serif', '--vscode-font-size': '13px' },
};

/** Serves the panel page and the two files it may load, from one origin, as the webview's resource origin would. */
export let weightsFile: Buffer = Buffer.alloc(0);

/** Serves other weights (a test that builds its own model). */
export function setWeightsFile(bytes: Buffer): void {
  weightsFile = bytes;
}

/** More files the server answers with, by URL path (a test's own model files). */
export const extraFiles = new Map<string, Buffer>();

export function serve(theme: Record<string, string>): Promise<{ server: Server; url: string }> {
  const origin = 'http://127.0.0.1';
  return new Promise((res) => {
    const server = createServer((req, resp) => {
      if (req.url === '/webview.js') return resp.end(readFileSync(join(repo, 'dist/webview.js')));
      if (req.url === '/sideview.js') return resp.end(readFileSync(join(repo, 'dist/sideview.js')));
      const extra = extraFiles.get(req.url ?? '');
      if (extra) return resp.writeHead(200, { 'content-type': req.url?.endsWith('.wasm') ? 'application/wasm' : 'application/octet-stream' }).end(extra);
      if (req.url === '/weights.bin') return resp.writeHead(200, { 'content-type': 'application/octet-stream' }).end(weightsFile);
      if (req.url === '/panel.css') return resp.writeHead(200, { 'content-type': 'text/css' }).end(readFileSync(join(repo, 'media/panel.css')));
      const port = (server.address() as { port: number }).port;
      const html =
        req.url === '/side'
          ? renderSideViewHtml({ cspSource: `${origin}:${port}`, nonce: NONCE, scriptUri: '/sideview.js', styleUri: '/panel.css' })
          : renderPanelHtml({ cspSource: `${origin}:${port}`, nonce: NONCE, scriptUri: '/webview.js', styleUri: '/panel.css', title: 'VAE: fashion-mnist-sample' });
      const vars = Object.entries(theme).map(([k, v]) => `${k}: ${v};`).join(' ');
      // the theme variables arrive the way VS Code sets them: a style attribute on <html>
      resp.writeHead(200, { 'content-type': 'text/html' }).end(html.replace('<html lang="en">', `<html lang="en" style="${vars}">`));
    });
    server.listen(0, '127.0.0.1', () => res({ server, url: `${origin}:${(server.address() as { port: number }).port}/` }));
  });
}

/** Panel messages from a small model really trained on the bundled Fashion-MNIST sample. */
let trained: Promise<HostToPage[]> | null = null;

/** Trained once per test file: every test gets the same messages (and weightsFile). */
export function trainedMessages(): Promise<HostToPage[]> {
  trained ??= trainOnSample();
  return trained;
}

let stats: LatentStats | null = null;
let nearest: Neighbours | null = null;

/** The job process's latent statistics of the trained model over the sample's validation images (BIC-chosen mixture). */
export async function trainedStats(): Promise<LatentStats> {
  await trainedMessages();
  return stats!;
}

/** The job's k-NN answer for the first previewed image over every image of the sample, with the trained model. */
export async function trainedNeighbours(): Promise<Neighbours> {
  await trainedMessages();
  return nearest!;
}

/** The trained model as the page builds it, in Node: what a page test compares the page's pixels with. */
export async function trainedPageVae(): Promise<PageVae> {
  const messages = await trainedMessages();
  const { summary } = messages[0] as Extract<HostToPage, { type: 'model' }>;
  const { source } = messages.find((m) => m.type === 'decoder') as Extract<HostToPage, { type: 'decoder' }>;
  const all = new Float32Array(weightsFile.buffer.slice(weightsFile.byteOffset, weightsFile.byteOffset + weightsFile.byteLength));
  return PageVae.fromWeights(all, source.specs, summary.model);
}

async function trainOnSample(): Promise<HostToPage[]> {
  await initBackend();
  const all = await loadDataset(join(repo, 'samples/fashion-mnist'));
  const { train, validation } = splitDataset(all, 0.1, 1);
  const config: ModelConfig = { kind: 'mlp-vae', inputShape: [28, 28, 1], hidden: [128], latentDim: 12, likelihood: 'bernoulli', decoderScale: 0.1 };
  const training = { epochs: 3, batchSize: 64, learningRate: 2e-3, beta: 1, warmupEpochs: 0, freeBits: 0, seed: 1 };
  const model = createModel(config, 2);
  const { epochs } = await trainVae(model, { train, validation }, training);
  const preview = await makePreview(model, validation, 16);
  const one = subsetDataset(validation, [0]);
  const { mu, logvar } = tf.tidy(() => model.encode(imagesToTensor(one, [0])));
  const encoded: Encoding = {
    imagePath: '/data/probe.png', modelDir: '/models/fashion-mnist-sample', height: 28, width: 28, channels: 1,
    pixels: Uint8Array.from(one.images), reconstruction: reconstruct(model, one, [0]),
    mu: Array.from(mu.dataSync()), logvar: Array.from(logvar.dataSync()), reconError: (await reconstructionErrors(model, one))[0],
    percentile: 42, neighbours: [{ source: '/data/a.png', distance: 0 }, { source: '/data/b.png', distance: 1.25 }],
    neighbourPixels: Uint8Array.from([...one.images, ...preview.originals.slice(0, 784)]),
  };
  tf.dispose([mu, logvar]);
  const mapDir = join(tempDir('le-map-'), 'model');
  await saveCheckpoint(mapDir, {
    status: 'completed', model: config, training, epochs, evaluation: null,
    dataset: { root: join(repo, 'samples/fashion-mnist'), fingerprint: '', count: all.count, trainCount: train.count, validationCount: validation.count, height: 28, width: 28, channels: 1, labelNames: all.labelNames },
  }, model);
  const map = await buildLatentMap(mapDir, { method: 'pca' });
  rmSync(join(mapDir, '..'), { recursive: true, force: true });
  stats = latentStatsOf(validation, await posteriorMeans(model, validation), config.latentDim, 0, 1);
  nearest = neighboursOf(all, join(repo, 'samples/fashion-mnist'), await posteriorMeans(model, all), config.latentDim, { source: preview.sources[0] }, 8, 'euclidean');
  const values = model.weightValues();
  const specs = model.weightSpecs();
  weightsFile = Buffer.concat(specs.map((sp) => Buffer.from(values.get(sp.name)!.buffer)));
  model.dispose();
  const summary = summaryOf('/models/fashion-mnist-sample', {
    status: 'completed',
    model: config,
    training,
    dataset: { root: 'samples/fashion-mnist', fingerprint: '', count: all.count, trainCount: train.count, validationCount: validation.count, height: 28, width: 28, channels: 1, labelNames: all.labelNames },
  });
  return [
    { type: 'model', summary, epochs },
    { type: 'preview', preview },
    { type: 'decoder', source: { weightsUri: '/weights.bin', specs: specs.map((sp) => ({ name: sp.name, shape: sp.shape })) } },
    { type: 'encoded', encoding: encoded },
    { type: 'latentMap', map },
  ];
}

export async function openPage(browser: Browser, url: string): Promise<{ page: Page; posted: unknown[]; problems: string[] }> {
  const page = await browser.newPage({ viewport: { width: 800, height: 1000 } });
  // Every wait in these tests is on a condition (waitForFunction, locators); Playwright's 30 s default bound was a
  // clock guess that a loaded machine (load 25-38 on 2 cores) overran while the page was still working. The test's own
  // timeout is the bound that matters; this one only has to be no shorter.
  page.setDefaultTimeout(180_000);
  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(m.text());
  });
  page.on('pageerror', (e) => problems.push(String(e)));
  // A string, not a function: tsx compiles test functions with a __name helper the page does not have, so the
  // helper is defined here for the callbacks given to page.evaluate as well.
  await page.addInitScript(`
    window.__name = (f) => f;
    window.__posted = [];
    window.__envelopes = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__posted.push({ csp: e.violatedDirective, where: e.sourceFile + ':' + e.lineNumber + ':' + e.columnNumber, sample: e.sample }));
    window.acquireVsCodeApi = () => ({
      // what the page sends, as sent (envelopes) and unwrapped (the messages), for the tests' assertions
      postMessage: (e) => { window.__envelopes.push(e); window.__posted.push(e && e.kind === 'notify' ? e.message : e); },
      getState: () => window.__state,
      setState: (s) => { window.__state = s; },
    });
  `);
  await page.goto(url);
  const posted = await page.evaluate(() => (window as unknown as { __posted: unknown[] }).__posted);
  return { page, posted, problems };
}

/** Waits until a canvas has a pixel whose red channel is above 10: something was drawn on the dark background. */
export async function waitForInk(page: Page, id: string, timeout: number): Promise<void> {
  await page.waitForFunction((canvasId) => {
    const c = document.getElementById(canvasId) as HTMLCanvasElement;
    const d = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
    for (let i = 0; i < d.length; i += 4) if (d[i] > 10) return true;
    return false;
  }, id, { timeout });
}

/** Sends a host message to the page as the host does: a notification in the envelope. */
export async function post(page: Page, message: HostToPage | HostToSide): Promise<void> {
  await page.evaluate((m) => window.postMessage({ kind: 'notify', message: m }, '*'), message as never);
}

/** Pixels of a canvas that differ from its first pixel (the background); 2-D or WebGL (copied through a 2-D canvas). */
export async function inkedPixels(page: Page, id: string): Promise<number> {
  return page.evaluate((canvasId) => {
    const c = document.getElementById(canvasId) as HTMLCanvasElement;
    const copy = document.createElement('canvas');
    copy.width = c.width;
    copy.height = c.height;
    copy.getContext('2d')!.drawImage(c, 0, 0);
    const d = copy.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
    let n = 0;
    for (let i = 0; i < d.length; i += 4) if (d[i] !== d[0] || d[i + 1] !== d[1] || d[i + 2] !== d[2] || d[i + 3] !== d[3]) n++;
    return n;
  }, id);
}


/** The values of tile `index` of a grid canvas drawn by drawGrid (3× scale, 4 px gaps), red channel. */
export async function tileValues(page: Page, id: string, index: number, cols: number, size: number): Promise<number[]> {
  return page.evaluate(
    ([canvasId, i, c, n]) => {
      const canvas = document.getElementById(canvasId as string) as HTMLCanvasElement;
      const ctx = canvas.getContext('2d')!;
      const x0 = 4 + ((i as number) % (c as number)) * ((n as number) * 3 + 4);
      const y0 = 4 + Math.floor((i as number) / (c as number)) * ((n as number) * 3 + 4);
      const out: number[] = [];
      for (let y = 0; y < (n as number); y++) for (let x = 0; x < (n as number); x++) out.push(ctx.getImageData(x0 + x * 3 + 1, y0 + y * 3 + 1, 1, 1).data[0]);
      return out;
    },
    [id, index, cols, size],
  );
}


/** A fresh Chromium page on the served panel (or `side`), dark theme; browser and server are closed afterwards. */
export async function withPage(path: string, fn: (p: { page: Page; posted: unknown[]; problems: string[] }) => Promise<void>): Promise<void> {
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
  const { server, url } = await serve(THEMES.dark);
  try {
    await fn(await openPage(browser, `${url}${path}`));
  } finally {
    server.close();
    await browser.close();
  }
}
