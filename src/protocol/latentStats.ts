// What the job process works out from the dataset's μ for the page: the label centroids (attribute vectors in
// Encode), each dimension's min/max of μ (a traversal range) and a Gaussian mixture fitted to the μ's (samples
// from the aggregate posterior). Declared once: the type, and the check the page runs on arrival.
import { MAX_LATENTS, latentVector } from './images';
import { s, type Infer } from './schema';

/** The most mixture components a user may ask for (and BIC tries). */
export const MAX_COMPONENTS = 20;
/** 0 asks for the number of components with the lowest BIC. */
export const components = () => s.number({ integer: true, min: 0, max: MAX_COMPONENTS });

export const latentStatsSchema = s.refine(
  s.object({
    /** Images whose μ went into these figures. */
    count: s.number({ integer: true, min: 1 }),
    labelNames: s.array(s.string(200), 10_000),
    /** Per label, its centroid of μ; null for a label no image has. Empty without labels. */
    centroids: s.array(s.nullable(latentVector()), 10_000),
    labelCounts: s.array(s.number({ integer: true, min: 0 }), 10_000),
    muMin: latentVector(),
    muMax: latentVector(),
    mixture: s.object({
      weights: s.array(s.number({ min: 0, max: 1 }), MAX_COMPONENTS),
      means: s.array(latentVector(), MAX_COMPONENTS),
      variances: s.array(s.array(s.number({ min: 0 }), MAX_LATENTS), MAX_COMPONENTS),
    }),
    /** How K was chosen, and BIC for K = 1, 2, … when BIC chose it. */
    chosenBy: s.oneOf('bic', 'user'),
    bics: s.array(s.number(), MAX_COMPONENTS),
    /** Mean log-likelihood per image of the fitted mixture, nats. */
    logLikelihood: s.number(),
  }),
  (m) => {
    const d = m.muMin.length;
    if (m.muMax.length !== d) return `muMin has ${d} values and muMax ${m.muMax.length}`;
    if (m.centroids.length !== m.labelNames.length || m.labelCounts.length !== m.labelNames.length) return 'centroids, labelCounts and labelNames differ in length';
    if (m.centroids.some((c) => c && c.length !== d)) return `a centroid does not have ${d} values`;
    const k = m.mixture.weights.length;
    if (k < 1 || m.mixture.means.length !== k || m.mixture.variances.length !== k) return 'the mixture has no components or its fields differ in length';
    if (m.mixture.means.some((v) => v.length !== d) || m.mixture.variances.some((v) => v.length !== d)) return `a mixture component does not have ${d} values`;
    return null;
  },
);

export type LatentStats = Infer<typeof latentStatsSchema>;
