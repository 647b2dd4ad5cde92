// The page's decode of an imported model, timed in Chromium (bundled by scripts/build.mjs into out/bench/, run by
// bench/onnx/report.mjs): the panel's own OnnxPageVae (onnxruntime-web, WebAssembly, one thread as in a webview)
// decoding n codes and drawing them, each time a fresh z ~ N(0, I), so no answer comes from its cache.
import { Rng } from '../../src/shared/rng';
import type { ModelConfig } from '../../src/shared/types';
import { drawGrid } from '../../src/webview/imageGrid';
import { OnnxPageVae } from '../../src/webview/onnxPageVae';

declare global {
  interface Window {
    /** Milliseconds to load the model (runtime and both sessions), and per decode + draw of n codes, `reps` of them after `warmup` untimed ones. */
    measureDecode(config: ModelConfig, n: number, reps: number, warmup: number): Promise<{ loadMs: number; times: number[] }>;
  }
}

/** z ~ N(0, 1) by Box–Muller: z = √(−2 ln u₁) cos(2π u₂). */
function normal(rng: Rng): number {
  return Math.sqrt(-2 * Math.log(1 - rng.next())) * Math.cos(2 * Math.PI * rng.next());
}

window.measureDecode = async (config, n, reps, warmup) => {
  const source = { weightsUri: '', specs: [], onnx: { encoderUri: '/encoder.onnx', decoderUri: '/decoder.onnx', wasmUri: '/ort.wasm' } };
  const loading = performance.now();
  const vae = await OnnxPageVae.load(source, config);
  const loadMs = performance.now() - loading;
  const canvas = document.createElement('canvas');
  document.body.append(canvas);
  const [h, w, c] = config.inputShape;
  const rng = new Rng(n);
  const times: number[] = [];
  try {
    for (let r = 0; r < warmup + reps; r++) {
      const z = Float32Array.from({ length: n * config.latentDim }, () => normal(rng));
      const started = performance.now();
      drawGrid(canvas, await vae.decodeNow(z, n), n, h, w, c as 1 | 3, Math.min(n, 8));
      if (r >= warmup) times.push(performance.now() - started);
    }
  } finally {
    vae.dispose();
  }
  return { loadMs, times };
};
