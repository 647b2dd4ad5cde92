import { parseArgs } from 'node:util';
import { resolve } from 'node:path';
import { loadDataset } from '../data/loadDataset';
import { initBackend } from '../engine/backend';
import { metricsJson, type MetricsReport } from '../protocol/metrics';
import { loadModel } from '../store/modelStore';
import { computeMetrics, MI_BATCH } from '../training/metrics';
import { readFactors } from '../training/metricsFactors';
import { UserError } from '../shared/userError';
import { positiveInt, required, type CliIO } from './args';

export const metricsHelp = `latent-explorer metrics <modelDir> <dataset> [--factors FILE.csv] [--max-images N (5000)] [--compare N (1000)] [--seed S (1)] [--json]
  Latent-space and sample metrics on a spread of up to N images: mutual_information I(x;z) (minibatch estimator
  of He et al. 2019, batches of ${MI_BATCH}, with its log ${MI_BATCH} bound), total_correlation (Gaussian, as disentanglement_lib),
  active_units, linear_probe_accuracy (softmax regression on μ, 80/20 seeded split; labelled data), sharpness
  (variance of the Laplacian) of prior samples and of as many data images, frechet_distance between them on the
  features of a small classifier trained on the labels (not FID). With --factors (CSV: "file" or "path" column
  relative to the dataset folder, then one column per factor): mig, dci, sap as in disentanglement_lib (DCI's
  importances from a softmax regression, not gradient-boosted trees).`;

export async function runMetrics(argv: string[], io: CliIO, signal: { stop: boolean } = { stop: false }): Promise<number> {
  const { values: o, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { factors: { type: 'string' }, 'max-images': { type: 'string' }, compare: { type: 'string' }, seed: { type: 'string' }, json: { type: 'boolean' } },
  });
  const dir = required('<modelDir>', positionals[0]);
  const datasetPath = required('<dataset>', positionals[1]);
  await initBackend();
  const { model, manifest } = await loadModel(dir);
  try {
    const [h, w, c] = manifest.model.inputShape;
    const ds = await loadDataset(datasetPath, { size: { width: w, height: h } });
    if (ds.channels !== c) throw new UserError(`${datasetPath} has ${ds.channels}-channel images but the model expects ${c} channel(s).`);
    for (const s of ds.report.skipped) io.err(`skipped ${s.path}: ${s.reason}`);
    const file = o.factors ? resolve(o.factors) : undefined;
    const factors = file ? { file, factors: await readFactors(file, ds) } : undefined;
    const maxImages = positiveInt('max-images', o['max-images'], 5000);
    io.err(`metrics on ${Math.min(maxImages, ds.count)} of ${ds.count} images${factors ? ` with ${factors.factors.length} factor(s) from ${file}` : ''}…`);
    let last = '';
    const report = await computeMetrics(model, ds, {
      maxImages,
      compareImages: positiveInt('compare', o.compare, 1000),
      seed: positiveInt('seed', o.seed, 1),
      factors,
      onStep: (step) => {
        if (step !== last) io.err(`  ${step}…`);
        last = step;
      },
      shouldStop: () => signal.stop,
    });
    if (!report) {
      io.err('stopped before the metrics were complete.');
      return 130;
    }
    if (o.json) io.out(JSON.stringify(metricsJson(report)));
    else io.out(metricsText(report));
    return 0;
  } finally {
    model.dispose();
  }
}

const f = (v: number | null | undefined, digits = 3) => (v === null || v === undefined ? '—' : v.toFixed(digits));

/** The report as lines for a terminal. */
export function metricsText(r: MetricsReport): string {
  const lines = [
    `${r.nImages} images, latent dimension ${r.latentDim}, seed ${r.seed}`,
    `mutual_information     ${f(r.mutualInformation.value)} nats (at most log ${r.mutualInformation.batchSize} = ${f(r.mutualInformation.bound)})`,
    `total_correlation      ${f(r.totalCorrelation)} nats`,
    `active_units           ${r.activeUnits}/${r.latentDim}`,
    `linear_probe_accuracy  ${r.linearProbe ? `${f(r.linearProbe.accuracy)} (${r.linearProbe.nTest} held out; majority class ${f(r.linearProbe.majorityBaseline)})` : '—'}`,
    `sharpness              samples ${f(r.sharpness.samples, 5)}, data ${f(r.sharpness.data, 5)} (${r.sharpness.nImages} images each)`,
    `frechet_distance       ${r.frechet ? `${f(r.frechet.distance)} (classifier features, ${r.frechet.featureDim}-D; its test accuracy ${f(r.frechet.classifierTestAccuracy)}; not FID)` : '—'}`,
  ];
  if (r.factors) {
    lines.push(
      `mig                    ${f(r.factors.mig)}`,
      `dci                    disentanglement ${f(r.factors.dci.disentanglement)}, completeness ${f(r.factors.dci.completeness)}, informativeness ${f(r.factors.dci.informativeness)} (softmax-regression importances)`,
      `sap                    ${f(r.factors.sap)}   (factors: ${r.factors.names.join(', ')})`,
    );
  }
  for (const n of r.notes) lines.push(`note: ${n}`);
  return lines.join('\n');
}
