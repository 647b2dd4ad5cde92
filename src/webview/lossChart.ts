// Loss curves over epochs: −ELBO, reconstruction and KL, solid for train and dashed for validation.
import type { EpochMetrics } from '../shared/types';
import { chartColors } from './theme';
import { l10n } from './l10n';

export interface Series {
  label: string;
  values: (number | null)[];
  color: string;
  dashed: boolean;
}

export function seriesOf(epochs: EpochMetrics[], colors: string[]): Series[] {
  const pick = (f: (e: EpochMetrics) => number | null) => epochs.map(f);
  return [
    { label: l10n.t('−ELBO train'), values: pick((e) => e.train.negElbo), color: colors[0], dashed: false },
    { label: l10n.t('−ELBO validation'), values: pick((e) => e.validation?.negElbo ?? null), color: colors[0], dashed: true },
    { label: l10n.t('reconstruction'), values: pick((e) => e.train.recon), color: colors[1], dashed: false },
    { label: 'KL', values: pick((e) => e.train.kl), color: colors[2], dashed: false },
  ].filter((s) => s.values.some((v) => v !== null));
}

export function drawLossChart(canvas: HTMLCanvasElement, legend: HTMLElement, epochs: EpochMetrics[]): void {
  drawSeriesChart(canvas, legend, seriesOf(epochs, chartColors().series), epochs.map((e) => String(e.epoch)), 'epoch');
}

/** Lines over shared axes (y from 0, or below), one x position per label; the loss chart and the compare panel draw with it. */
export function drawSeriesChart(canvas: HTMLCanvasElement, legend: HTMLElement, series: Series[], xLabels: string[], xTitle: string): void {
  const ctx = canvas.getContext('2d')!;
  const c = chartColors();
  const W = canvas.width;
  const H = canvas.height;
  ctx.clearRect(0, 0, W, H);
  const pad = { l: 56, r: 12, t: 10, b: 30 };
  const all = series.flatMap((s) => s.values.filter((v): v is number => v !== null && Number.isFinite(v)));
  legend.replaceChildren(
    ...series.map((s) => {
      const item = document.createElement('span');
      item.className = s.dashed ? 'key dashed' : 'key';
      item.style.setProperty('--key-color', s.color);
      item.textContent = s.label;
      return item;
    }),
  );
  ctx.font = '11px var(--vscode-font-family, sans-serif)';
  ctx.fillStyle = c.foreground;
  if (all.length === 0) {
    ctx.fillText('waiting for the first epoch…', pad.l, H / 2);
    return;
  }
  const lo = Math.min(0, ...all);
  const hi = Math.max(...all) * 1.05 || 1;
  const n = xLabels.length;
  const x = (i: number) => pad.l + (n <= 1 ? (W - pad.l - pad.r) / 2 : (i * (W - pad.l - pad.r)) / (n - 1));
  const y = (v: number) => pad.t + (1 - (v - lo) / (hi - lo)) * (H - pad.t - pad.b);
  ctx.strokeStyle = c.grid;
  ctx.lineWidth = 1;
  for (let k = 0; k <= 4; k++) {
    const v = lo + ((hi - lo) * k) / 4;
    ctx.beginPath();
    ctx.moveTo(pad.l, y(v));
    ctx.lineTo(W - pad.r, y(v));
    ctx.stroke();
    ctx.fillText(v.toFixed(v >= 100 ? 0 : 1), 4, y(v) + 4);
  }
  for (let i = 0; i < n; i++) if (n <= 12 || i % Math.ceil(n / 12) === 0) ctx.fillText(xLabels[i], x(i) - 3, H - 12);
  ctx.fillText(xTitle, W - pad.r - ctx.measureText(xTitle).width, H - 2);
  for (const s of series) {
    ctx.strokeStyle = s.color;
    ctx.fillStyle = s.color;
    ctx.lineWidth = 2;
    ctx.setLineDash(s.dashed ? [5, 4] : []);
    ctx.beginPath();
    let started = false;
    s.values.forEach((v, i) => {
      if (v === null) return;
      if (started) ctx.lineTo(x(i), y(v));
      else ctx.moveTo(x(i), y(v));
      started = true;
    });
    ctx.stroke();
    s.values.forEach((v, i) => {
      if (v !== null) ctx.fillRect(x(i) - 2, y(v) - 2, 4, 4);
    });
  }
  ctx.setLineDash([]);
}
