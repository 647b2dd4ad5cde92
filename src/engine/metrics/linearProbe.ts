// The linear probe: how much of the label a linear read-out of μ(x) recovers (the seed guide's semi-supervised
// use of the latents). A softmax regression (logistic.ts) on μ of a seeded 80 % of the labelled images, accuracy
// on the other 20 %.
import { accuracy, denseClasses, fitLogistic, predictLogistic } from './logistic';
import { heldOutSplit, take, takeRows } from './split';

export interface ProbeResult {
  accuracy: number;
  nTrain: number;
  nTest: number;
  /** Accuracy of always answering the most frequent training class, for scale. */
  majorityBaseline: number;
}

/** Held-out accuracy of multinomial logistic regression from codes (n × d) to labels. */
export function linearProbeAccuracy(codes: ArrayLike<number>, labels: ArrayLike<number>, n: number, d: number, seed: number): ProbeResult {
  const { y, k } = denseClasses(labels);
  const split = heldOutSplit(n, seed);
  const model = fitLogistic(takeRows(codes, d, split.train), take(y, split.train), split.train.length, d, k);
  const yTest = take(y, split.test);
  const counts = new Int32Array(k);
  for (const i of split.train) counts[y[i]]++;
  const majority = counts.indexOf(Math.max(...counts));
  return {
    accuracy: accuracy(predictLogistic(model, takeRows(codes, d, split.test), split.test.length), yTest),
    nTrain: split.train.length,
    nTest: split.test.length,
    majorityBaseline: accuracy(new Int32Array(yTest.length).fill(majority), yTest),
  };
}
