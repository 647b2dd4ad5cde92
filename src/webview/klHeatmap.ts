// KL per latent dimension over epochs: one row per dimension, one column per epoch, brighter = more nats. Shows
// when dimensions switch on (or collapse) during training, e.g. under KL warm-up.
import type { EpochMetrics } from '../shared/types';
import { themeColor } from './theme';

const CELL = 14;

export function drawKlHeatmap(canvas: HTMLCanvasElement, epochs: EpochMetrics[]): void {
  const rows = epochs.map((e) => (e.validation ?? e.train).klPerDim);
  const dims = rows[0]?.length ?? 0;
  const cols = Math.min(rows.length, 60);
  const shown = rows.slice(-cols);
  canvas.width = Math.max(1, cols * CELL);
  canvas.height = Math.max(1, dims * CELL);
  const ctx = canvas.getContext('2d')!;
  ctx.clearRect(0, 0, canvas.width, canvas.height);
  const max = Math.max(0.01, ...shown.flat());
  ctx.fillStyle = themeColor('--vscode-charts-blue', '--vscode-foreground');
  shown.forEach((kl, x) => {
    kl.forEach((v, d) => {
      // sqrt keeps small but non-zero KL visible next to the dominant dimensions
      ctx.globalAlpha = Math.sqrt(Math.max(0, v) / max);
      ctx.fillRect(x * CELL, d * CELL, CELL - 1, CELL - 1);
    });
  });
  ctx.globalAlpha = 1;
}
