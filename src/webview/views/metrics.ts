// Metrics: Compute Metrics from the panel, and the report as a table — each metric with its value, a one-line
// explanation and its source (paper and, where it follows one, the disentanglement_lib file). No chart, so the
// table is the whole view.
import { metrics as section } from '../../protocol/panel';
import type { MetricsReport } from '../../protocol/metrics';
import { el } from '../dom';
import { l10n } from '../l10n';
import { cell, fillTable } from './a11y';
import type { View } from './view';

const id = section.ids;

/** The rows: metric name, value, what it says, source. */
function rows(r: MetricsReport): string[][] {
  const mi = r.mutualInformation;
  const out: string[][] = [
    [
      'mutual_information',
      l10n.t('{0} nats (at most log {1} = {2})', cell(mi.value, 3), mi.batchSize, cell(mi.bound, 3)),
      l10n.t('How much the code z tells about the image x: I(x; z) under the aggregate posterior, estimated per batch of B images, so never above log B.'),
      l10n.t('He et al. 2019, Lagging Inference Networks; calc_mi in jxhe/vae-lagging-encoder'),
    ],
    [
      'total_correlation',
      l10n.t('{0} nats', cell(r.totalCorrelation, 3)),
      l10n.t('KL between the Gaussian fitted to μ(x) and the product of its marginals: 0 when the latent dimensions are uncorrelated.'),
      l10n.t('disentanglement_lib, evaluation/metrics/unsupervised_metrics.py (gaussian_total_correlation)'),
    ],
    [
      'active_units',
      `${r.activeUnits}/${r.latentDim}`,
      l10n.t('Dimensions whose mean code varies over the data, Var_x E[z_i|x] > 0.01; the others carry no information.'),
      l10n.t('Burda et al. 2016, Importance Weighted Autoencoders'),
    ],
    [
      'linear_probe_accuracy',
      r.linearProbe ? l10n.t('{0} ({1} held out; majority class {2})', cell(r.linearProbe.accuracy, 3), r.linearProbe.nTest, cell(r.linearProbe.majorityBaseline, 3)) : '—',
      l10n.t('Accuracy of a softmax regression from μ(x) to the label on a seeded held-out 20 %: how linearly the code separates the classes.'),
      l10n.t('The seed guide’s semi-supervised use of the latents; multinomial logistic regression'),
    ],
    [
      'sharpness',
      l10n.t('samples {0}, data {1} ({2} images each)', cell(r.sharpness.samples, 5), cell(r.sharpness.data, 5), r.sharpness.nImages),
      l10n.t('Variance of the Laplacian of each image (gray, values in [0, 1]), averaged: lower is blurrier. Compare the samples with the data.'),
      l10n.t('Pech-Pacheco et al. 2000, variance of the Laplacian'),
    ],
    [
      'frechet_distance',
      r.frechet ? l10n.t('{0} (feature classifier test accuracy {1})', cell(r.frechet.distance, 3), cell(r.frechet.classifierTestAccuracy, 3)) : '—',
      l10n.t('Fréchet distance between Gaussians fitted to features of prior samples and of as many data images; lower is closer. Not FID: the features come from a small classifier trained here on the labels (pixels → 128 → 32 → classes, ReLU, 5 epochs).'),
      l10n.t('Heusel et al. 2017 (the formula of FID), on this tool’s classifier features'),
    ],
  ];
  const f = r.factors;
  if (f) {
    out.push(
      [
        'mig',
        cell(f.mig, 3),
        l10n.t('Per factor, the gap in mutual information between the two most informative dimensions (μ in 20 bins), over the factor’s entropy: 1 when each factor lives in one dimension.'),
        l10n.t('Chen et al. 2018; disentanglement_lib evaluation/metrics/mig.py'),
      ],
      [
        'dci',
        l10n.t('disentanglement {0}, completeness {1}, informativeness {2}', cell(f.dci.disentanglement, 3), cell(f.dci.completeness, 3), cell(f.dci.informativeness, 3)),
        l10n.t('From the importance of each dimension for each factor: each dimension explains one factor (D), each factor sits in one dimension (C), held-out accuracy (I). Importances from a softmax regression, not disentanglement_lib’s gradient-boosted trees.'),
        l10n.t('Eastwood & Williams 2018; disentanglement_lib evaluation/metrics/dci.py'),
      ],
      [
        'sap',
        cell(f.sap, 3),
        l10n.t('Per factor, the gap between the two dimensions that predict it best (squared correlation for a numeric factor, held-out accuracy of a one-dimension classifier for a categorical one).'),
        l10n.t('Kumar et al. 2018; disentanglement_lib evaluation/metrics/sap_score.py'),
      ],
    );
  }
  return out;
}

function statusText(r: MetricsReport | null, state: string): string {
  if (state === 'running') return l10n.t('Computing metrics… (the notification shows the progress and can cancel it)');
  if (state === 'cancelled') return l10n.t('Computing metrics was cancelled.');
  if (state === 'failed') return l10n.t('Computing metrics failed (the message says why).');
  if (!r) return l10n.t('Not computed yet.');
  const factors = r.factors ? l10n.t('; factors {0} from {1}', r.factors.names.join(', '), r.factors.file) : '';
  return l10n.t('{0} images, seed {1}{2}', r.nImages, r.seed, factors);
}

export const metricsView: View = {
  uses: ['metrics', 'metricsState'],
  render({ metrics: r, metricsState: state }) {
    el(id.status).textContent = statusText(r, state);
    el<HTMLButtonElement>(id.compute).disabled = state === 'running';
    const table = el<HTMLTableElement>(id.table);
    if (!r) table.replaceChildren();
    else fillTable(table, l10n.t('Metrics of this model on its data'), [l10n.t('Metric'), l10n.t('Value'), l10n.t('What it says'), l10n.t('Source')], rows(r));
    el(id.notes).replaceChildren(
      ...(r?.notes ?? []).map((n) => {
        const li = document.createElement('li');
        li.textContent = n;
        return li;
      }),
    );
  },
  listen({ send, store }) {
    el(id.compute).addEventListener('click', () => {
      store.update({ metricsState: 'running' });
      send({ type: 'computeMetrics' });
    });
  },
};
