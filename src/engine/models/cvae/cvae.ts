// The conditional VAE (Sohn et al. 2015; the seed guide's CVAE): q(z|x, y) and p(x|z, y) with the one-hot label y
// appended to the encoder's input and to z (shared/condition.ts puts that into the networks' description), the
// prior p(z) = N(0, I) as in the VAE. Trained on the single-sample ELBO of log p(x|y). Every encode and decode
// takes the labels; the base refuses to run without them.
import { describeModel, validateConfig } from '../../../shared/architecture';
import { Rng } from '../../../shared/rng';
import type { ModelConfig } from '../../../shared/types';
import { initialWeights } from '../../networks/mlp';
import { checkWeights } from '../base';
import { Vae } from '../vae/vae';

export class Cvae extends Vae {
  /** New weights (the label rows of the first layers initialised like the rest: nn.Linear over in + K inputs). */
  static override create(config: ModelConfig, seed: number): Cvae {
    validateConfig(config);
    return new Cvae(config, initialWeights(describeModel(config), new Rng(seed)));
  }

  static override fromWeights(config: ModelConfig, weights: Map<string, Float32Array>): Cvae {
    validateConfig(config);
    checkWeights(config, weights);
    return new Cvae(config, weights);
  }
}
