// The latent pad: a square over two latent dimensions (default: the two with the largest KL), −3…3 on each axis,
// all other dimensions at 0; the image under the pointer is decoded in the page as it moves.
import { chartColors } from '../theme';

export const PAD_RANGE = 3;

/** The two dimensions with the largest KL (the ones the model uses most). */
export function padDims(klPerDim: number[]): [number, number] {
  const order = klPerDim.map((kl, d) => ({ kl, d })).sort((a, b) => b.kl - a.kl);
  return [order[0]?.d ?? 0, order[1]?.d ?? order[0]?.d ?? 0];
}

/** The code at a pad position (canvas pixels). */
export function padCode(latentDim: number, dims: [number, number], px: number, py: number, size: number): Float32Array {
  const code = new Float32Array(latentDim);
  code[dims[0]] = (px / size) * 2 * PAD_RANGE - PAD_RANGE;
  code[dims[1]] = PAD_RANGE - (py / size) * 2 * PAD_RANGE;
  return code;
}

export function drawPad(canvas: HTMLCanvasElement, at: [number, number] | null): void {
  const ctx = canvas.getContext('2d')!;
  const c = chartColors();
  const s = canvas.width;
  ctx.clearRect(0, 0, s, s);
  ctx.strokeStyle = c.grid;
  ctx.strokeRect(0.5, 0.5, s - 1, s - 1);
  ctx.beginPath();
  ctx.moveTo(s / 2, 0);
  ctx.lineTo(s / 2, s);
  ctx.moveTo(0, s / 2);
  ctx.lineTo(s, s / 2);
  ctx.stroke();
  if (at) {
    ctx.fillStyle = c.series[0];
    ctx.beginPath();
    ctx.arc(at[0], at[1], 4, 0, 2 * Math.PI);
    ctx.fill();
  }
}
