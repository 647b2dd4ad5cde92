// What the curves and the KL-over-epochs charts say for an imported model: it was trained elsewhere, so the tool
// has no history of it (and never will: nothing trains it here), rather than empty axes.
import type { EpochMetrics } from '../../shared/types';
import { l10n } from '../l10n';
import type { PageState } from '../state';

/** "No training history: imported from enc.onnx and dec.onnx, …" for an imported model without epochs; else ''. */
export function noHistoryNote(summary: PageState['summary'], epochs: readonly EpochMetrics[], what: string): string {
  const from = summary?.imported;
  if (!from || epochs.length > 0) return '';
  return l10n.t('No training history: imported from {0} and {1}, trained elsewhere, so {2} are not known here.', from.encoder.source, from.decoder.source, what);
}

/** KL per dimension as the page knows it: the last epoch's (validation, else train), else the manifest's evaluation. */
export function klPerDimOf(summary: PageState['summary'], epochs: readonly EpochMetrics[]): number[] | null {
  const last = epochs.at(-1);
  return last?.validation?.klPerDim ?? last?.train.klPerDim ?? summary?.evaluation?.klPerDim ?? null;
}
