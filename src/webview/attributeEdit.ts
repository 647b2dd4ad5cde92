// The attribute vector of the Encode view: two label pickers and a strength slider over the label centroids the job
// process computed (protocol/latentStats.ts); the edited code is z + s·(centroid(to) − centroid(from)).
import type { LatentStats } from '../protocol/latentStats';
import { attributeVector } from '../shared/attribute';
import { l10n } from './l10n';

export interface AttributeChoice {
  from: string;
  to: string;
  strength: number;
}

/** The vector c_to − c_from of the chosen labels, or null when either has no centroid (or none is chosen). */
export function chosenVector(stats: LatentStats | null, a: AttributeChoice): number[] | null {
  if (!stats || !a.from || !a.to) return null;
  const from = stats.labelNames.indexOf(a.from);
  const to = stats.labelNames.indexOf(a.to);
  if (from < 0 || to < 0 || !stats.centroids[from] || !stats.centroids[to]) return null;
  return attributeVector(stats.centroids as number[][], from, to);
}

/** Labels with a centroid, in label order. */
export function usableLabels(stats: LatentStats | null): string[] {
  return stats ? stats.labelNames.filter((_, l) => stats.centroids[l] !== null) : [];
}

/** Fills a label picker, keeping `chosen` selected. */
export function fillLabelSelect(select: HTMLSelectElement, labels: string[], chosen: string): void {
  if (select.options.length !== labels.length || [...select.options].some((o, i) => o.value !== labels[i])) {
    select.replaceChildren(
      ...labels.map((name) => {
        const o = document.createElement('option');
        o.value = name;
        o.textContent = name;
        return o;
      }),
    );
  }
  select.value = chosen;
}

/** One line saying what the slider does now, or why there is no attribute vector. */
export function attributeNote(stats: LatentStats | null, a: AttributeChoice, vector: number[] | null): string {
  if (!stats) return l10n.t('Attribute vectors: waiting for the codes of the model’s dataset…');
  if (usableLabels(stats).length < 2) return l10n.t('Attribute vectors need a labelled dataset (one subfolder per class).');
  if (!vector) return '';
  const norm = Math.sqrt(vector.reduce((s, v) => s + v * v, 0));
  return l10n.t('z + {0} · (centroid of {1} − centroid of {2}); the vector’s length is {3}, from the μ of {4} images.', a.strength.toFixed(1), a.to, a.from, norm.toFixed(2), stats.count);
}
