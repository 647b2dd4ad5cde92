// A metrics request of the job channel (src/protocol/job.ts) on a served model: the factors file read against the
// dataset first (a bad file fails before any work), then computeMetrics with progress and cancel.
import type { VaeModel } from '../engine/models/base';
import type { MetricsOutcome, MetricsStep } from '../protocol/metrics';
import type { Dataset } from '../shared/dataset';
import { computeMetrics } from './metrics';
import { readFactors } from './metricsFactors';

export interface MetricsRequest {
  maxImages: number;
  compareImages: number;
  seed: number;
  factorsFile?: string;
}

export async function runMetrics(
  model: VaeModel,
  ds: Dataset,
  r: MetricsRequest,
  progress: (step: MetricsStep, done: number, total: number) => void,
  cancelled: () => boolean,
): Promise<MetricsOutcome> {
  const factors = r.factorsFile ? { file: r.factorsFile, factors: await readFactors(r.factorsFile, ds) } : undefined;
  const report = await computeMetrics(model, ds, { ...r, factors, onStep: progress, shouldStop: cancelled });
  return report ? { report, cancelled: false } : { report: null, cancelled: true };
}
