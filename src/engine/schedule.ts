// KL warm-up (Bowman et al. 2016; Sønderby et al. 2016): the KL weight rises linearly from 0 to β over the
// first warmupEpochs epochs, step by step, so the decoder learns to use z before the KL term pulls q(z|x)
// onto the prior — one of the standard remedies for posterior collapse.
import type { TrainConfig } from '../shared/types';

/** β_t = β · min(1, t / (warmupEpochs · stepsPerEpoch)) for global step t = 0, 1, …; β when warm-up is off. */
export function warmupBeta(step: number, stepsPerEpoch: number, cfg: Pick<TrainConfig, 'beta' | 'warmupEpochs'>): number {
  if (cfg.warmupEpochs <= 0) return cfg.beta;
  const total = cfg.warmupEpochs * stepsPerEpoch;
  return cfg.beta * Math.min(1, step / total);
}
