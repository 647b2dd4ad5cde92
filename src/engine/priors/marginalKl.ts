// The collapse diagnostic of a model with a mixture prior: per dimension, KL(q(z_i|x) || p_i(z_i)), where p_i is the
// prior's marginal on dimension i, itself a 1-D mixture Σ_k π_k N(m_ki, s_ki²). A dimension whose posterior is the
// prior's marginal for every x carries nothing about x: the same reading as the closed-form KL per dimension under
// N(0, I), which the verdict of shared/collapse.ts thresholds. (The KL to N(0, 1) would misread a learned prior: a
// collapsed dimension sits wherever the mixture's components sit, not at N(0, 1).)
import * as tf from '@tensorflow/tfjs-core';
import type { MixtureTensors } from './mixture';

const LOG_2PI = Math.log(2 * Math.PI);

/**
 * Gauss–Hermite rule for E f(ξ), ξ ~ N(0, 1), 16 nodes (numpy.polynomial.hermite_e.hermegauss(16), weights divided
 * by √(2π)): exact for polynomials of degree ≤ 31. The rule is symmetric; the positive half is listed.
 */
const NODES = [0.386760604500557, 1.163829100554965, 1.951980345716334, 2.760245047630702, 3.600873624171548, 4.492955302520011, 5.472225705949343, 6.630878198393129];
const WEIGHTS = [0.286568521238012, 0.1583383727509497, 0.04728475235401406, 0.007266937601184749, 0.0005259849265739087, 1.530003216248732e-5, 1.309473216286817e-7, 1.4978147231618412e-10];

/**
 * KL(N(μ, σ²) || Σ_k π_k N(m_ki, s_ki²)) per image and dimension [B, D]:
 * −½(1 + log 2π + log σ²) − E_{z∼N(μ,σ²)} log p_i(z), the expectation by the 16-node Gauss–Hermite rule.
 */
export function mixtureKlPerDim(mu: tf.Tensor2D, logvar: tf.Tensor2D, m: MixtureTensors): tf.Tensor2D {
  return tf.tidy(() => {
    const sigma = tf.exp(tf.mul(0.5, logvar));
    // components as [1, D, K]: every dimension of every image against every component's marginal on it
    const means = tf.expandDims(tf.transpose(m.means), 0);
    const lv = tf.expandDims(tf.transpose(m.logvars), 0);
    const precision = tf.exp(tf.neg(lv));
    const logNorm = tf.add(tf.mul(-0.5, tf.add(LOG_2PI, lv)), m.logWeights);
    const logMarginal = (z: tf.Tensor2D) => {
      const diff = tf.sub(tf.expandDims(z, 2), means);
      return tf.logSumExp(tf.add(logNorm, tf.mul(-0.5, tf.mul(tf.square(diff), precision))), 2);
    };
    // one node at a time: [B, D, K] per node instead of [B, D, 16, K] at once
    let expected: tf.Tensor = tf.zerosLike(mu);
    for (let g = 0; g < NODES.length; g++) {
      const step = tf.mul(sigma, NODES[g]);
      const pair = tf.add(logMarginal(tf.add(mu, step) as tf.Tensor2D), logMarginal(tf.sub(mu, step) as tf.Tensor2D));
      expected = tf.add(expected, tf.mul(WEIGHTS[g], pair));
    }
    const negEntropy = tf.mul(-0.5, tf.add(1 + LOG_2PI, logvar));
    return tf.sub(negEntropy, expected) as tf.Tensor2D;
  });
}
