// Schedules of the KL weight β per training step.
// Warm-up (Bowman et al. 2016; Sønderby et al. 2016): β rises linearly from 0 to β over the first warmupEpochs
// epochs, step by step, so the decoder learns to use z before the KL term pulls q(z|x) onto the prior — one of the
// standard remedies for posterior collapse.
// Cyclical annealing (Fu et al. 2019): the same ramp repeated M times over the run; each restart lets the decoder
// relearn to use the codes the previous cycle's encoder found, which helps more than one long warm-up.
import { DEFAULT_TRAIN, type TrainConfig } from '../shared/types';

/** β_t = β · min(1, t / (warmupEpochs · stepsPerEpoch)) for global step t = 0, 1, …; β when warm-up is off. */
export function warmupBeta(step: number, stepsPerEpoch: number, cfg: Pick<TrainConfig, 'beta' | 'warmupEpochs'>): number {
  if (cfg.warmupEpochs <= 0) return cfg.beta;
  const total = cfg.warmupEpochs * stepsPerEpoch;
  return cfg.beta * Math.min(1, step / total);
}

/**
 * Fu et al.'s β_t = β · min(1, τ/R) with τ = (t mod ⌈T/M⌉) / ⌈T/M⌉ over T = totalSteps steps in M cycles, R the
 * ratio: 0 at the start of every cycle, β from the share R of the cycle on.
 */
export function cyclicalBeta(step: number, totalSteps: number, cfg: Pick<TrainConfig, 'beta' | 'klCycles' | 'klRatio'>): number {
  const period = Math.max(1, Math.ceil(totalSteps / (cfg.klCycles ?? DEFAULT_TRAIN.klCycles)));
  const tau = (step % period) / period;
  return cfg.beta * Math.min(1, tau / (cfg.klRatio ?? DEFAULT_TRAIN.klRatio));
}

/** The β of global step `step` under the configured schedule, for a run of `epochs` epochs of stepsPerEpoch steps. */
export function klBeta(
  step: number,
  stepsPerEpoch: number,
  cfg: Pick<TrainConfig, 'beta' | 'warmupEpochs' | 'klSchedule' | 'klCycles' | 'klRatio' | 'epochs'>,
): number {
  if (cfg.klSchedule === 'cyclical') return cyclicalBeta(step, cfg.epochs * stepsPerEpoch, cfg);
  return warmupBeta(step, stepsPerEpoch, cfg);
}
