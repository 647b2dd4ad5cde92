// The feature network of the Fréchet distance: a small classifier trained on the labelled data itself, because no
// pretrained image network ships with the tool. Architecture (documented in the view and the README): the flattened
// pixels in [0, 1] → dense 128, ReLU → dense 32, ReLU (the features) → dense K, softmax; He-normal weights from a
// seed, Adam (learning rate 1e-3), batches of 64, 5 epochs over a seeded 80 % of the images, accuracy on the other
// 20 %. Its features are only as good as that accuracy: the report carries it.
import * as tf from '@tensorflow/tfjs-core';
import { Rng } from '../../shared/rng';

export const FEATURE_CLASSIFIER = { hidden: 128, features: 32, epochs: 5, batchSize: 64, learningRate: 1e-3 } as const;

export interface FeatureClassifier {
  /** Penultimate-layer features (n × 32) of images given as rows of pixels in [0, 1]. */
  features(x: Float32Array, n: number): Float32Array;
  testAccuracy: number;
  nTrain: number;
  nTest: number;
  dispose(): void;
}

export interface ClassifierData {
  /** n × p pixels in [0, 1]. */
  x: Float32Array;
  labels: Int32Array;
  n: number;
  p: number;
  k: number;
}

/** Trains the classifier; `onEpoch` may return true to stop early (a cancel), which makes the result null. */
export async function trainFeatureClassifier(data: ClassifierData, seed: number, onEpoch?: (epoch: number, epochs: number) => boolean): Promise<FeatureClassifier | null> {
  const { hidden, features, epochs, batchSize, learningRate } = FEATURE_CLASSIFIER;
  const rng = new Rng(seed);
  const he = (fanIn: number, fanOut: number) => tf.variable(tf.randomNormal([fanIn, fanOut], 0, Math.sqrt(2 / fanIn), 'float32', rng.nextSeed()));
  const w1 = he(data.p, hidden);
  const b1 = tf.variable(tf.zeros([hidden]));
  const w2 = he(hidden, features);
  const b2 = tf.variable(tf.zeros([features]));
  const w3 = he(features, data.k);
  const b3 = tf.variable(tf.zeros([data.k]));
  const vars = [w1, b1, w2, b2, w3, b3];
  const dispose = () => vars.forEach((v) => v.dispose());
  const featuresOf = (x: tf.Tensor2D) => tf.relu(tf.add(tf.matMul(tf.relu(tf.add(tf.matMul(x, w1), b1)), w2), b2)) as tf.Tensor2D;
  const logitsOf = (x: tf.Tensor2D) => tf.add(tf.matMul(featuresOf(x), w3), b3) as tf.Tensor2D;
  const rows = (idx: ArrayLike<number>) => {
    const out = new Float32Array(idx.length * data.p);
    for (let r = 0; r < idx.length; r++) out.set(data.x.subarray(idx[r] * data.p, (idx[r] + 1) * data.p), r * data.p);
    return tf.tensor2d(out, [idx.length, data.p]);
  };

  const order = rng.permutation(data.n);
  const nTrain = Math.max(1, Math.min(data.n - 1, Math.ceil(data.n * 0.8)));
  const train = order.slice(0, nTrain);
  const test = order.slice(nTrain);
  const optimizer = tf.train.adam(learningRate);
  try {
    for (let epoch = 0; epoch < epochs; epoch++) {
      const shuffled = rng.permutation(train.length).map((i) => train[i]);
      for (let start = 0; start < shuffled.length; start += batchSize) {
        const idx = shuffled.subarray(start, Math.min(shuffled.length, start + batchSize));
        tf.tidy(() => {
          const x = rows(idx);
          const y = tf.oneHot(tf.tensor1d(Int32Array.from(idx, (i) => data.labels[i]), 'int32'), data.k);
          optimizer.minimize(() => tf.losses.softmaxCrossEntropy(y, logitsOf(x)) as tf.Scalar, false, vars);
        });
        // let a cancel message through between batches
        if (start % (batchSize * 16) === 0) await new Promise((r) => setTimeout(r, 0));
      }
      if (onEpoch?.(epoch + 1, epochs)) {
        dispose();
        return null;
      }
    }
    const predicted = tf.tidy(() => tf.argMax(logitsOf(rows(test)), 1).dataSync() as Int32Array);
    let right = 0;
    test.forEach((i, r) => (right += predicted[r] === data.labels[i] ? 1 : 0));
    return {
      testAccuracy: test.length ? right / test.length : 0,
      nTrain: train.length,
      nTest: test.length,
      features: (x, n) => {
        const f = tf.tidy(() => featuresOf(tf.tensor2d(x, [n, data.p])));
        const out = (f.dataSync() as Float32Array).slice();
        f.dispose();
        return out;
      },
      dispose,
    };
  } finally {
    optimizer.dispose();
  }
}
