// The Compare Models page's charts and tables: both models' loss curves on shared axes and their sorted KL
// profiles, drawn by the panel's own chart (lossChart.ts) with a table each as the text alternative.
import type { CompareSide, MetricRow } from '../../protocol/compare';
import type { Series } from '../lossChart';
import { drawSeriesChart } from '../lossChart';
import { l10n } from '../l10n';
import { chartColors } from '../theme';
import { cell, fillTable } from '../views/a11y';

const lastKl = (s: CompareSide) => {
  const e = s.epochs.at(-1);
  return e?.validation?.klPerDim ?? e?.train.klPerDim ?? [];
};
/** KL per dimension, largest first: the profile of how many dimensions a model uses and how much. */
export const sortedKl = (s: CompareSide): number[] => [...lastKl(s)].sort((x, y) => y - x);

const padTo = <T>(values: T[], n: number): (T | null)[] => Array.from({ length: n }, (_, i) => (i < values.length ? values[i] : null));

export function drawCompareLoss(canvas: HTMLCanvasElement, legend: HTMLElement, table: HTMLTableElement, a: CompareSide, b: CompareSide): void {
  const n = Math.max(a.epochs.length, b.epochs.length);
  const [ca, cb] = chartColors().series;
  const series: Series[] = [
    { label: l10n.t('A −ELBO train'), values: padTo(a.epochs.map((e) => e.train.negElbo), n), color: ca, dashed: false },
    { label: l10n.t('A −ELBO validation'), values: padTo(a.epochs.map((e) => e.validation?.negElbo ?? null), n), color: ca, dashed: true },
    { label: l10n.t('B −ELBO train'), values: padTo(b.epochs.map((e) => e.train.negElbo), n), color: cb, dashed: false },
    { label: l10n.t('B −ELBO validation'), values: padTo(b.epochs.map((e) => e.validation?.negElbo ?? null), n), color: cb, dashed: true },
  ].filter((s) => s.values.some((v) => v !== null));
  drawSeriesChart(canvas, legend, series, Array.from({ length: n }, (_, i) => String(i + 1)), l10n.t('epoch'));
  fillTable(
    table,
    l10n.t('−ELBO per epoch of both models, nats per image'),
    [l10n.t('epoch'), ...series.map((s) => s.label)],
    Array.from({ length: n }, (_, i) => [String(i + 1), ...series.map((s) => cell(s.values[i]))]),
  );
}

export function drawCompareKl(canvas: HTMLCanvasElement, legend: HTMLElement, table: HTMLTableElement, a: CompareSide, b: CompareSide): void {
  const [ka, kb] = [sortedKl(a), sortedKl(b)];
  const n = Math.max(ka.length, kb.length);
  const [ca, cb] = chartColors().series;
  const series: Series[] = [
    { label: l10n.t('A: KL per dimension, sorted'), values: padTo(ka, n), color: ca, dashed: false },
    { label: l10n.t('B: KL per dimension, sorted'), values: padTo(kb, n), color: cb, dashed: false },
  ];
  drawSeriesChart(canvas, legend, series, Array.from({ length: n }, (_, i) => String(i + 1)), l10n.t('rank'));
  fillTable(
    table,
    l10n.t('KL per dimension of the last epoch, nats, sorted from the largest'),
    [l10n.t('rank'), 'A', 'B'],
    Array.from({ length: n }, (_, i) => [String(i + 1), cell(ka[i], 3), cell(kb[i], 3)]),
  );
}

/** The metrics table: each figure of A and B, and which is better where a direction is meaningful. */
export function fillMetrics(table: HTMLTableElement, rows: MetricRow[]): void {
  const better = (r: MetricRow) => {
    if (r.better === 'none' || r.a === null || r.b === null || r.a === r.b) return '—';
    const aWins = r.better === 'lower' ? r.a < r.b : r.a > r.b;
    return aWins ? 'A' : 'B';
  };
  const digits = (v: number | null) => (v !== null && Number.isInteger(v) ? 0 : 2);
  fillTable(
    table,
    l10n.t('Figures recorded in both manifests (Evaluate adds the IWAE bound)'),
    [l10n.t('metric'), 'A', 'B', l10n.t('better')],
    rows.map((r) => [r.name, cell(r.a, digits(r.a)), cell(r.b, digits(r.b)), better(r)]),
  );
}
