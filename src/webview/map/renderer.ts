// What draws the map's points: WebGL when the page has it, else the 2-D canvas (same interface, so the view
// does not care which). Colours are RGBA bytes per point; alpha 0 hides a point.
import { createGlRenderer } from './glPoints';
import type { Viewport } from './viewport';

export interface PointRenderer {
  kind: 'webgl' | 'canvas2d';
  /** n × 2 plane coordinates, interleaved. */
  setPoints(points: Float32Array): void;
  /** n × 4 RGBA bytes. */
  setColours(rgba: Uint8Array): void;
  /** Clears and draws every point through the camera, as discs of `pointSize` pixels. */
  draw(view: Viewport, pointSize: number): void;
  /** Waits until the frame is really drawn (the frame-time meter measures up to here). */
  finish(): void;
}

/** The 2-D canvas fallback: each point written as a small square into one ImageData, put once per frame. */
export function createCanvasRenderer(canvas: HTMLCanvasElement): PointRenderer {
  const ctx = canvas.getContext('2d')!;
  let points: Float32Array = new Float32Array(0);
  let colours: Uint8Array = new Uint8Array(0);
  return {
    kind: 'canvas2d',
    setPoints(p) {
      points = p;
    },
    setColours(rgba) {
      colours = rgba;
    },
    draw(view, pointSize) {
      const w = canvas.width;
      const h = canvas.height;
      const image = ctx.createImageData(w, h);
      const px = image.data;
      const size = Math.max(1, Math.round(pointSize * 0.8));
      const half = Math.floor(size / 2);
      const n = points.length / 2;
      const t = view.clipTransform();
      // the same transform as the shader, clip space → pixels
      const ax = (t.scale[0] * w) / 2;
      const bx = ((t.offset[0] + 1) * w) / 2;
      const ay = (-t.scale[1] * h) / 2;
      const by = ((1 - t.offset[1]) * h) / 2;
      for (let i = 0; i < n; i++) {
        const a = colours[4 * i + 3];
        if (a === 0) continue;
        const x = Math.round(points[2 * i] * ax + bx) - half;
        const y = Math.round(points[2 * i + 1] * ay + by) - half;
        if (x + size <= 0 || y + size <= 0 || x >= w || y >= h) continue;
        for (let dy = Math.max(0, -y); dy < size && y + dy < h; dy++) {
          let o = 4 * ((y + dy) * w + Math.max(0, x));
          for (let dx = Math.max(0, -x); dx < size && x + dx < w; dx++, o += 4) {
            px[o] = colours[4 * i];
            px[o + 1] = colours[4 * i + 1];
            px[o + 2] = colours[4 * i + 2];
            px[o + 3] = 255;
          }
        }
      }
      ctx.putImageData(image, 0, 0);
    },
    finish() {
      // putImageData is synchronous
    },
  };
}

/** WebGL if it starts, else the 2-D canvas; `preferCanvas` forces the fallback (tests, a setting-free escape hatch). */
export function createRenderer(canvas: HTMLCanvasElement, preferCanvas = false): PointRenderer {
  if (!preferCanvas) {
    try {
      const gl = createGlRenderer(canvas);
      if (gl) return gl;
    } catch (err) {
      // a driver that fails to compile the shaders: the 2-D canvas still draws the map
      console.warn(`latent map: WebGL unavailable (${(err as Error).message}); drawing on the 2-D canvas`);
    }
  }
  return createCanvasRenderer(canvas);
}
