// The latent map's figures for BENCHMARKS.md: frame time while panning and time to first draw.
//  1. 100 000 synthetic points in headless Chromium, WebGL and the 2-D canvas fallback: runs the page test that
//     measures them in the page (test/webview/latentMap.test.ts) and reads out/measurements/map-frames.json.
//  2. With --model DIR: a real map through the job process, as the panel gets it (every image of the model's
//     dataset, PCA, then UMAP on the seeded sample with the rest placed by transform), and its first draw in the
//     page: job time + page time = what a user waits for after opening the model.
//   node dist/cli.js train /usr/share/datasets/fashion-mnist/train-images-idx3-ubyte.gz --out /tmp/map-fm --epochs 1 --latent 16
//   node --import tsx bench/mapFrames.mjs --model /tmp/map-fm [--skip-synthetic]
// Writes out/measurements/map-bench.json and bench/mapFrames.md, the section BENCHMARKS.md quotes (bench/run.mjs).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const repo = join(dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({ options: { model: { type: 'string' }, 'skip-synthetic': { type: 'boolean' } } });
const out = join(repo, 'out', 'measurements');
mkdirSync(out, { recursive: true });
const result = { measured: new Date().toISOString(), loadBefore: loadavg()[0], synthetic: null, real: null };

if (!values['skip-synthetic']) {
  const run = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-name-pattern', '100 000 points|without WebGL', 'test/webview/latentMap.test.ts'], { cwd: repo, stdio: 'inherit' });
  if (run.status !== 0) throw new Error('the map frame test failed');
  result.synthetic = JSON.parse(readFileSync(join(out, 'map-frames.json'), 'utf8'));
}

if (values.model) {
  const { ModelJob } = await import('../src/extension/modelJob.ts');
  const { openPage, serve, THEMES } = await import('../test/webview/harness.ts');
  const { chromium } = await import('playwright-core');
  const { CHROMIUM_ARGS } = await import('../test/helpers/chromium.ts');
  const job = new ModelJob(repo, values.model);
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
  const { server, url } = await serve(THEMES.dark);
  try {
    const timed = async (spec) => {
      const t0 = performance.now();
      const stages = {};
      const map = await job.latentMap(spec, (p) => (stages[p.stage] = performance.now() - t0)).reply;
      return { map, ms: performance.now() - t0, stages };
    };
    // the first request also starts the process, reads the model and decodes the dataset: what opening a model costs
    const pca = await timed({ method: 'pca' });
    const pcaAgain = await timed({ method: 'pca' });
    const umap = await timed({ method: 'umap' });
    const { page } = await openPage(browser, url);
    const drawn = await page.evaluate(async (map) => {
      const frames = document.getElementById('map-frames');
      const started = performance.now();
      window.postMessage({ kind: 'notify', message: { type: 'latentMap', map } }, '*');
      await new Promise((resolve) => {
        const watch = new MutationObserver(() => frames.dataset.firstDraw && (watch.disconnect(), resolve()));
        watch.observe(frames, { attributes: true });
      });
      return { postToDrawn: performance.now() - started, firstDraw: Number(frames.dataset.firstDraw), renderer: frames.dataset.renderer };
    }, pca.map);
    result.real = {
      model: values.model,
      images: pca.map.count,
      latentDim: pca.map.mean.length,
      pcaColdMs: pca.ms,
      pcaWarmMs: pcaAgain.ms,
      umapSampleMs: umap.ms,
      umapFitted: umap.map.fitted,
      umapStages: umap.stages,
      page: drawn,
      timeToFirstDrawMs: pca.ms + drawn.postToDrawn,
    };
  } finally {
    job.dispose();
    server.close();
    await browser.close();
  }
}

result.loadAfter = loadavg()[0];
writeFileSync(join(out, 'map-bench.json'), JSON.stringify(result, null, 2));
const ms = (v) => `${v.toFixed(1)} ms`;
const s = (v) => `${(v / 1000).toFixed(1)} s`;
const lines = ['## Latent map: frame time and time to first draw (issue 12)', '', `Measured ${result.measured.slice(0, 16)}Z by \`node --import tsx bench/mapFrames.mjs${values.model ? ` --model ${values.model}` : ''}\`; load average ${result.loadBefore.toFixed(1)} before, ${result.loadAfter.toFixed(1)} after, on 2 cores.`, ''];
lines.push("Frame time = the page's own measure of drawing one frame (renderer draw, `gl.finish()`, overlay), recorded by the map for each frame while a drag pans it (test/webview/latentMap.test.ts, 120 pointer moves); first draw = the map message handled → first frame finished; post → drawn adds the message's transfer and validation. Target: frame p95 < 16 ms.", '');
if (result.synthetic) {
  const r = result.synthetic.results;
  lines.push('| 100 000 points, headless Chromium | renderer | first draw (in page) | post → drawn | frame p95 while panning | frames |', '|---|---|---:|---:|---:|---:|');
  for (const [k, v] of Object.entries(r)) lines.push(`| ${k === 'webgl' ? 'WebGL (SwiftShader, no GPU)' : '2-D canvas fallback'} | ${v.renderer} | ${ms(v.firstDraw)} | ${ms(v.postToDrawn)} | ${ms(v.p95)} | ${v.count} |`);
  lines.push('');
}
if (result.real) {
  const r = result.real;
  lines.push(
    `Real map: ${r.images} images, ${r.latentDim} latents (${r.model}). Opening (job start, model and dataset read, every image encoded, PCA): ${s(r.pcaColdMs)}; the same map again (codes cached in the job): ${s(r.pcaWarmMs)}; page first draw ${ms(r.page.firstDraw)} (${r.page.renderer}), post → drawn ${ms(r.page.postToDrawn)}: **time to first draw ${s(r.timeToFirstDrawMs)}**. UMAP on a seeded sample of ${r.umapFitted}, the rest placed by transform: ${s(r.umapSampleMs)} (progress reported at: ${Object.entries(r.umapStages).map(([k, v]) => `${k} ${s(v)}`).join(', ')}).`,
  );
}
if (!result.synthetic || !result.real) {
  // a partial run keeps the other half of the last full report
  const last = existsSync(join(repo, 'bench', 'mapFrames.md')) ? readFileSync(join(repo, 'bench', 'mapFrames.md'), 'utf8') : '';
  const keep = last.split('\n').filter((l) => (result.synthetic ? l.startsWith('Real map:') : l.startsWith('|')));
  if (keep.length) lines.push('', `From the previous run (${result.synthetic ? 'the real map' : 'the synthetic points'}):`, '', ...keep);
}
const text = lines.join('\n') + '\n';
writeFileSync(join(repo, 'bench', 'mapFrames.md'), text);
console.log(text);
