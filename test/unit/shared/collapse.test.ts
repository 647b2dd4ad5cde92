import { test } from 'node:test';
import assert from 'node:assert/strict';
import { collapseVerdict } from '../../../src/shared/collapse';

test('collapse verdict: none when every dimension carries KL ≥ 0.01 nats', () => {
  const v = collapseVerdict([3, 0.5, 0.01]);
  assert.equal(v.verdict, 'none');
  assert.deepEqual(v.collapsedDims, []);
  assert.equal(v.usedDims, 3);
});

test('collapse verdict: partial when some dimensions collapse and the rest carry information', () => {
  // latent size 64 on a small dataset: most dimensions unused, a few informative
  const kl = Array.from({ length: 64 }, (_, i) => (i < 6 ? 4 : 0.001));
  const v = collapseVerdict(kl);
  assert.equal(v.verdict, 'partial');
  assert.equal(v.collapsedDims.length, 58);
  assert.equal(v.collapsedDims[0], 6);
  assert.equal(v.usedDims, 6);
});

test('collapse verdict: full when no dimension is used, or all together carry under 1 nat', () => {
  assert.equal(collapseVerdict(new Array(32).fill(0.002)).verdict, 'full');
  // a strong autoregressive decoder: a trickle of KL in two of 32 dimensions
  const trickle = new Array(32).fill(0.001);
  trickle[3] = 0.3;
  trickle[17] = 0.2;
  const v = collapseVerdict(trickle);
  assert.equal(v.verdict, 'full');
  assert.equal(v.usedDims, 2);
  assert.ok(Math.abs(v.totalKl - 0.53) < 1e-9);
});

test('collapse verdict: NaN KL counts as collapsed, not as information', () => {
  const v = collapseVerdict([NaN, 5]);
  assert.deepEqual(v.collapsedDims, [0]);
  assert.equal(v.verdict, 'partial');
});
