// The metrics of a model on its data (Compute Metrics, `latent-explorer metrics`), as the job process computes them
// and the panel shows them. Declared once: the type, and the check the page runs on arrival. A figure that could
// not be computed is null, and `notes` says why.
import { s, type Infer } from './schema';

const value = () => s.number();
const figure = () => s.nullable(s.number());
const n = () => s.number({ integer: true, min: 0 });

export const metricsReportSchema = s.object({
  nImages: n(),
  latentDim: n(),
  seed: n(),
  /** I(x; z) estimate (nats) and log B, the most the minibatch estimator can give with batches of B images. */
  mutualInformation: s.object({ value: value(), bound: value(), batchSize: n() }),
  /** Gaussian total correlation of the μ's (nats); null when their covariance is singular. */
  totalCorrelation: figure(),
  activeUnits: n(),
  /** Softmax regression on μ: held-out accuracy; null without labels. */
  linearProbe: s.nullable(s.object({ accuracy: value(), nTrain: n(), nTest: n(), majorityBaseline: value() })),
  /** Mean variance of the Laplacian (pixels in [0, 1]) of as many prior samples as data images. */
  sharpness: s.object({ samples: value(), data: value(), nImages: n() }),
  /** Fréchet distance of prior samples to the data on the features of a classifier trained on the labels; null without labels. */
  frechet: s.nullable(s.object({ distance: value(), featureDim: n(), classifierTestAccuracy: value(), classifierTrain: n(), classifierTest: n(), epochs: n(), nImages: n() })),
  /** With a factors CSV: MIG, DCI and SAP against its columns. */
  factors: s.nullable(
    s.object({
      file: s.string(),
      names: s.array(s.string(200), 1000),
      nImages: n(),
      mig: figure(),
      dci: s.object({ disentanglement: figure(), completeness: figure(), informativeness: figure() }),
      sap: figure(),
    }),
  ),
  notes: s.array(s.string(), 50),
});

export type MetricsReport = Infer<typeof metricsReportSchema>;

/** The steps of a metrics job, in order, as its progress reports name them. */
export const METRICS_STEPS = ['encode', 'mutualInformation', 'probe', 'sharpness', 'classifier', 'frechet', 'factors'] as const;
export type MetricsStep = (typeof METRICS_STEPS)[number];

/** What a metrics job gives: its report, or nothing when it was cancelled. */
export type MetricsOutcome = { report: MetricsReport; cancelled: false } | { report: null; cancelled: true };

/** The report under the names of the CLI's --json (snake case, as the issue and disentanglement_lib name them). */
export function metricsJson(r: MetricsReport): Record<string, unknown> {
  return {
    n_images: r.nImages,
    latent_dim: r.latentDim,
    seed: r.seed,
    mutual_information: r.mutualInformation.value,
    mutual_information_bound: r.mutualInformation.bound,
    mutual_information_batch: r.mutualInformation.batchSize,
    total_correlation: r.totalCorrelation,
    active_units: r.activeUnits,
    linear_probe_accuracy: r.linearProbe?.accuracy ?? null,
    linear_probe: r.linearProbe && { n_train: r.linearProbe.nTrain, n_test: r.linearProbe.nTest, majority_baseline: r.linearProbe.majorityBaseline },
    sharpness: { samples: r.sharpness.samples, data: r.sharpness.data, n_images: r.sharpness.nImages },
    frechet_distance: r.frechet?.distance ?? null,
    frechet_features: r.frechet && {
      network: 'classifier trained on the labels: pixels → 128 ReLU → 32 ReLU (features) → classes',
      feature_dim: r.frechet.featureDim,
      epochs: r.frechet.epochs,
      classifier_test_accuracy: r.frechet.classifierTestAccuracy,
      n_train: r.frechet.classifierTrain,
      n_test: r.frechet.classifierTest,
      n_images: r.frechet.nImages,
    },
    mig: r.factors?.mig ?? null,
    dci: r.factors ? r.factors.dci : null,
    sap: r.factors?.sap ?? null,
    factors: r.factors && { file: r.factors.file, names: r.factors.names, n_images: r.factors.nImages, dci_importance: 'softmax regression |weights| (not gradient-boosted trees)' },
    notes: r.notes,
  };
}
