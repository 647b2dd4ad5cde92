// Codes from a mixture prior (the samples section and the prior's components view): components are drawn in
// proportion to their weights, and a chosen component gives only codes of that component.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mixtureCodes, type MixtureComponents } from '../../../src/shared/mixtureSample';

function mixture(weights: number[], d = 2): MixtureComponents {
  const k = weights.length;
  return {
    k,
    d,
    means: Float32Array.from({ length: k * d }, (_, i) => 10 * Math.floor(i / d)),
    logvars: new Float32Array(k * d).fill(Math.log(0.01)),
    logWeights: Float32Array.from(weights, Math.log),
  };
}

test('component frequencies match the weights π_k (each within 4 standard errors; χ² under its 0.1 % point)', () => {
  const weights = [0.5, 0.3, 0.15, 0.05];
  const n = 20_000;
  const { components, codes } = mixtureCodes(mixture(weights), n, 1, 7);
  const counts = new Array<number>(weights.length).fill(0);
  for (const c of components) counts[c]++;
  let chi2 = 0;
  weights.forEach((p, k) => {
    const expected = n * p;
    assert.ok(Math.abs(counts[k] - expected) <= 4 * Math.sqrt(n * p * (1 - p)), `component ${k}: ${counts[k]} of ${n}, expected ${expected}`);
    chi2 += (counts[k] - expected) ** 2 / expected;
  });
  // χ²₃ 0.999 quantile
  assert.ok(chi2 < 16.27, `χ² = ${chi2}`);
  // each code lies at its own component's mean (σ = 0.1, means 10 apart)
  for (let j = 0; j < n; j++) assert.ok(Math.abs(codes[j * 2] - 10 * components[j]) < 1, `code ${j}`);
});

test('a chosen component: every code from it, spread by the temperature', () => {
  const m = mixture([0.9, 0.1]);
  const n = 5000;
  for (const t of [1, 0.5]) {
    const { components, codes } = mixtureCodes(m, n, t, 3, 1);
    assert.ok(components.every((c) => c === 1));
    let s2 = 0;
    for (let j = 0; j < n; j++) s2 += (codes[j * 2] - 10) ** 2;
    const sd = Math.sqrt(s2 / n);
    assert.ok(Math.abs(sd - 0.1 * t) < 0.1 * t * 0.06, `T = ${t}: sd ${sd}`);
  }
});
