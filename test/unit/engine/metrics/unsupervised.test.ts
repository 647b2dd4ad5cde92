// The unsupervised metrics against closed forms: TC, the I(x; z) estimator, active units, the linear probe.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { gaussianTotalCorrelation, totalCorrelationOfCodes } from '../../../../src/engine/metrics/totalCorrelation';
import { calcMi, mutualInformation } from '../../../../src/engine/metrics/mutualInformation';
import { activeUnitsOfCodes } from '../../../../src/engine/metrics/activeUnits';
import { linearProbeAccuracy } from '../../../../src/engine/metrics/linearProbe';
import { Rng } from '../../../../src/shared/rng';

const close = (a: number, b: number, tol: number, what: string) => assert.ok(Math.abs(a - b) <= tol, `${what}: ${a} vs ${b}`);
function gauss(rng: Rng): number {
  return Math.sqrt(-2 * Math.log(1 - rng.next())) * Math.cos(2 * Math.PI * rng.next());
}

test('Gaussian TC: 0 for a diagonal covariance, −½ log(1 − ρ²) for a correlated 2-D Gaussian', () => {
  close(gaussianTotalCorrelation([2, 0, 0, 0.5], 2)!, 0, 1e-15, 'diagonal');
  for (const rho of [0.3, 0.9, -0.6]) {
    const s1 = 2;
    const s2 = 0.5;
    const cov = [s1 * s1, rho * s1 * s2, rho * s1 * s2, s2 * s2];
    close(gaussianTotalCorrelation(cov, 2)!, -0.5 * Math.log(1 - rho * rho), 1e-12, `ρ = ${rho}`);
  }
  assert.equal(gaussianTotalCorrelation([1, 1, 1, 1], 2), null, 'singular');
  // sampled: independent dimensions have TC near 0
  const rng = new Rng(1);
  const n = 20000;
  const codes = Float64Array.from({ length: n * 3 }, () => gauss(rng));
  assert.ok(totalCorrelationOfCodes(codes, n, 3)! < 2e-3);
});

test('I(x; z) estimator: 0 when every posterior is the same, log B when the posteriors are far apart and narrow', () => {
  const b = 8;
  const d = 2;
  const rng = new Rng(2);
  const eps = Float64Array.from({ length: b * d }, () => gauss(rng));
  // identical posteriors N(0, I): log q(z) = log q(z|x), so the estimate is the Monte Carlo error of the entropy
  // term alone, ½ mean_i ‖ε_i‖² − d/2 (0 in expectation)
  const mc = eps.reduce((s, e) => s + e * e, 0) / (2 * b) - d / 2;
  close(calcMi(new Float64Array(b * d), new Float64Array(b * d), eps, b, d), mc, 1e-12, 'identical');
  // posteriors 100 apart with σ = 0.01: each z is explained by its own image alone, log q(z_i) = log q(z_i|x_i) − log B,
  // so the estimate is log B plus the same Monte Carlo term
  const mu = Float64Array.from({ length: b * d }, (_, q) => 100 * Math.floor(q / d));
  const logvar = new Float64Array(b * d).fill(Math.log(1e-4));
  close(calcMi(mu, logvar, eps, b, d), Math.log(b) + mc, 1e-9, 'separated');
  const r = mutualInformation(mu, logvar, eps, b, d, 4);
  close(r.value, Math.log(4) + mc, 1e-9, 'in batches of 4 (sizes equal, so the Monte Carlo term averages the same)');
  close(r.bound, Math.log(4), 0, 'bound');
});

test('active units count dimensions with Var_x μ > 0.01', () => {
  const n = 100;
  const mu = new Float64Array(n * 3);
  for (let i = 0; i < n; i++) {
    mu[i * 3] = i % 2; // variance 0.25
    mu[i * 3 + 1] = 0.05 * (i % 2); // variance 0.000625
    mu[i * 3 + 2] = 7; // constant
  }
  assert.equal(activeUnitsOfCodes(mu, n, 3), 1);
});

test('linear probe: accuracy 1 on linearly separable classes, near chance on noise', () => {
  const rng = new Rng(3);
  const n = 900;
  const labels = Int32Array.from({ length: n }, (_, i) => i % 3);
  const codes = new Float64Array(n * 2);
  for (let i = 0; i < n; i++) {
    codes[i * 2] = labels[i] * 3 + 0.3 * gauss(rng);
    codes[i * 2 + 1] = gauss(rng);
  }
  const r = linearProbeAccuracy(codes, labels, n, 2, 1);
  assert.equal(r.accuracy, 1);
  assert.equal(r.nTrain + r.nTest, n);
  assert.equal(r.nTrain, 720);
  const noise = Float64Array.from({ length: n * 2 }, () => gauss(rng));
  const rn = linearProbeAccuracy(noise, labels, n, 2, 1);
  assert.ok(rn.accuracy < 0.45, `noise ${rn.accuracy}`);
});
