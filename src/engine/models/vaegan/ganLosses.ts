// The VAE-GAN's losses (Larsen et al. 2016, eq. 6–9), per image ([B]), from the discriminator's logits l (D = σ(l))
// and features. log D = −softplus(−l) and log(1 − D) = −softplus(l), which stay finite where D saturates.
import * as tf from '@tensorflow/tfjs-core';

/** L_llike^Dis_l = ½‖Dis_l(x) − Dis_l(x̃)‖²: −log N(Dis_l(x); Dis_l(x̃), I) up to its constant. */
export function featureMatching(realFeatures: tf.Tensor2D, reconFeatures: tf.Tensor2D): tf.Tensor1D {
  return tf.tidy(() => tf.mul(0.5, tf.sum(tf.square(tf.sub(realFeatures, reconFeatures)), 1)) as tf.Tensor1D);
}

/** −L_GAN = −[log D(x) + log(1 − D(x̃)) + log(1 − D(x_p))]: the discriminator's loss, one real and two fake terms. */
export function discriminatorLoss(realLogit: tf.Tensor1D, reconLogit: tf.Tensor1D, priorLogit: tf.Tensor1D): tf.Tensor1D {
  return tf.tidy(() => tf.addN([tf.softplus(tf.neg(realLogit)), tf.softplus(reconLogit), tf.softplus(priorLogit)]) as tf.Tensor1D);
}

/**
 * The decoder's GAN loss −log D(x̃) − log D(x_p): the non-saturating form of −L_GAN's fake terms (Goodfellow et al.
 * 2014), whose gradient does not vanish while the discriminator still tells the decoder's images apart.
 */
export function generatorLoss(reconLogit: tf.Tensor1D, priorLogit: tf.Tensor1D): tf.Tensor1D {
  return tf.tidy(() => tf.add(tf.softplus(tf.neg(reconLogit)), tf.softplus(tf.neg(priorLogit))) as tf.Tensor1D);
}
