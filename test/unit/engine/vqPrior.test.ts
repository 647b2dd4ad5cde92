// The VQ-VAE's autoregressive prior over code grids (a MADE): the logits of cell i read only cells < i, the page's
// sequential sampler computes the same log-probability as the trained tfjs network, and on a planted distribution
// of grids (each cell mostly its left neighbour's successor) it learns far below the unigram's −log p(c).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '../../../src/engine/backend';
import { CodePriorNet, meanNll, trainCodePrior, unigramLogFrequencies, unigramNll } from '../../../src/engine/models/vqvae/codePrior';
import { codeGridLogProb, hiddenDegree, inputMask, outputMask, sampleCodeGrids, uniformGridNll } from '../../../src/shared/codePrior';
import { Rng } from '../../../src/shared/rng';

const CELLS = 9;
const K = 6;

function randomGrids(n: number, rng: Rng): Int32Array {
  return Int32Array.from({ length: n * CELLS }, () => Math.floor(rng.next() * K));
}

/** A trained-looking net: every weight random and non-zero, so a masked-out dependence would show. */
function randomNet(seed: number, hidden = 24): CodePriorNet {
  const rng = new Rng(seed);
  const fill = (n: number) => Float32Array.from({ length: n }, () => rng.uniform(-1, 1));
  return new CodePriorNet({ cells: CELLS, k: K, hidden }, { inKernel: fill(CELLS * K * hidden), inBias: fill(hidden), outKernel: fill(hidden * CELLS * K), outBias: fill(CELLS * K) });
}

function logitsOf(net: CodePriorNet, grid: Int32Array): Float32Array {
  const l = tf.tidy(() => net.logits(tf.tensor2d(grid, [1, CELLS], 'int32')));
  const out = l.dataSync() as Float32Array;
  l.dispose();
  return out;
}

test('masks: every hidden degree 1…cells−1 is used, and no path leads from cell j to the logits of a cell i ≤ j', () => {
  const hidden = 20;
  const degrees = new Set(Array.from({ length: hidden }, (_, h) => hiddenDegree(h, CELLS)));
  assert.deepEqual([...degrees].sort((a, b) => a - b), Array.from({ length: CELLS - 1 }, (_, i) => i + 1));
  const mIn = inputMask(CELLS, K, hidden);
  const mOut = outputMask(CELLS, K, hidden);
  for (let j = 0; j < CELLS; j++) {
    for (let i = 0; i < CELLS; i++) {
      // a path j → h → i exists iff some h has both mask entries set
      let path = false;
      for (let h = 0; h < hidden; h++) if (mIn[j * K * hidden + h] && mOut[h * CELLS * K + i * K]) path = true;
      assert.equal(path, j < i, `cell ${j} → logits of cell ${i}`);
    }
  }
});

test('the logits of cell i do not change when cells ≥ i change, and do when an earlier cell changes', async () => {
  await initBackend();
  const net = randomNet(3);
  const rng = new Rng(11);
  try {
    for (let trial = 0; trial < 5; trial++) {
      const grid = randomGrids(1, rng);
      const base = logitsOf(net, grid);
      for (let i = 0; i < CELLS; i++) {
        const later = Int32Array.from(grid);
        for (let j = i; j < CELLS; j++) later[j] = (later[j] + 1 + Math.floor(rng.next() * (K - 1))) % K;
        const moved = logitsOf(net, later);
        for (let c = 0; c < K; c++) assert.ok(Math.abs(moved[i * K + c] - base[i * K + c]) < 1e-5, `cell ${i} logit ${c} moved with cells ≥ ${i}`);
        if (i > 0) {
          const earlier = Int32Array.from(grid);
          earlier[i - 1] = (earlier[i - 1] + 1) % K;
          const changed = logitsOf(net, earlier);
          const diff = Math.max(...Array.from({ length: K }, (_, c) => Math.abs(changed[i * K + c] - base[i * K + c])));
          assert.ok(diff > 1e-4, `cell ${i} ignores cell ${i - 1} (largest change ${diff})`);
        }
      }
    }
  } finally {
    net.dispose();
  }
});

test('the sequential sampler (page, CLI) computes the same log p(c) as the tfjs network that is trained', async () => {
  await initBackend();
  const net = randomNet(5);
  try {
    const w = net.weights();
    const grids = randomGrids(20, new Rng(2));
    const nll = tf.tidy(() => net.nll(tf.tensor2d(grids, [20, CELLS], 'int32')));
    const fromTf = nll.dataSync();
    nll.dispose();
    for (let g = 0; g < 20; g++) {
      const js = -codeGridLogProb(w, grids.subarray(g * CELLS, (g + 1) * CELLS));
      assert.ok(Math.abs(js - fromTf[g]) < 1e-3 * Math.max(1, Math.abs(js)), `grid ${g}: ${js} vs ${fromTf[g]}`);
    }
    // Σ_c p(c) over every grid of 3 cells is 1 when the grid is that short: check on the first 2 cells' marginal
    const probs = Array.from({ length: K * K }, (_, ab) => {
      const grid = new Int32Array(CELLS);
      grid[0] = Math.floor(ab / K);
      grid[1] = ab % K;
      const l = logitsOf(net, grid);
      const row = (i: number) => Array.from(l.subarray(i * K, i * K + K));
      const lse = (r: number[]) => Math.log(r.reduce((s, v) => s + Math.exp(v), 0));
      return Math.exp(row(0)[grid[0]] - lse(row(0)) + row(1)[grid[1]] - lse(row(1)));
    });
    assert.ok(Math.abs(probs.reduce((a, b) => a + b, 0) - 1) < 1e-5);
  } finally {
    net.dispose();
  }
});

/** Planted grids: cell 0 uniform, then each cell its left neighbour's successor (mod K) with probability 0.9. */
function plantedGrids(n: number, rng: Rng): Int32Array {
  const out = new Int32Array(n * CELLS);
  for (let g = 0; g < n; g++) {
    out[g * CELLS] = Math.floor(rng.next() * K);
    for (let i = 1; i < CELLS; i++) out[g * CELLS + i] = rng.next() < 0.9 ? (out[g * CELLS + i - 1] + 1) % K : Math.floor(rng.next() * K);
  }
  return out;
}

test('on planted grids the prior learns far below the unigram (which sees uniform marginals), and its samples follow the rule', async () => {
  await initBackend();
  const train = plantedGrids(1500, new Rng(1));
  const heldOut = plantedGrids(300, new Rng(2));
  const trace: number[] = [];
  const net = await trainCodePrior(train, CELLS, K, { hidden: 32, epochs: 20, batchSize: 64, learningRate: 1e-2, seed: 7, onEpoch: (_e, nll) => void trace.push(nll) });
  try {
    const ar = meanNll(net, heldOut);
    const unigram = unigramNll(unigramLogFrequencies(train, K), heldOut, CELLS);
    // the planted entropy: log K for cell 0, then H(0.9 + 0.1/K, 0.1/K, …) per cell
    const pHit = 0.9 + 0.1 / K;
    const pMiss = 0.1 / K;
    const entropy = Math.log(K) + (CELLS - 1) * -(pHit * Math.log(pHit) + (K - 1) * pMiss * Math.log(pMiss));
    const detail = `AR ${ar.toFixed(2)}, unigram ${unigram.toFixed(2)}, uniform ${uniformGridNll(CELLS, K).toFixed(2)}, planted entropy ${entropy.toFixed(2)} nats/grid; training ${trace.map((v) => v.toFixed(2)).join(' → ')}`;
    assert.ok(unigram > uniformGridNll(CELLS, K) - 0.2, detail);
    assert.ok(ar < 0.5 * unigram, detail);
    assert.ok(ar > entropy - 0.5, `below the planted entropy: overfitted or wrong? ${detail}`);
    const samples = sampleCodeGrids(net.weights(), 200, 1, 9);
    let hits = 0;
    for (let g = 0; g < 200; g++) for (let i = 1; i < CELLS; i++) if (samples[g * CELLS + i] === (samples[g * CELLS + i - 1] + 1) % K) hits++;
    assert.ok(hits / (200 * (CELLS - 1)) > 0.75, `successor share in samples ${(hits / (200 * (CELLS - 1))).toFixed(2)}; ${detail}`);
  } finally {
    net.dispose();
  }
});
