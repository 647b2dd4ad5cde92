// The TypeScript metrics against an independent numpy reimplementation of disentanglement_lib's formulas
// (test/fixtures/metrics/reference.py) on the same random inputs: the discretisation bin by bin, MIG, SAP (numeric
// factors), DCI's D and C from an importance matrix, Gaussian TC and the Fréchet distance, to 1e-9.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { histogramDiscretize } from '../../../../src/engine/metrics/discretize';
import { mig } from '../../../../src/engine/metrics/mig';
import { sapFromMatrix, sapScoreMatrix } from '../../../../src/engine/metrics/sap';
import { dciCompleteness, dciDisentanglement } from '../../../../src/engine/metrics/dci';
import { heldOutSplit } from '../../../../src/engine/metrics/split';
import { totalCorrelationOfCodes } from '../../../../src/engine/metrics/totalCorrelation';
import { frechetDistance } from '../../../../src/engine/metrics/frechet';
import { Rng } from '../../../../src/shared/rng';
import { tempDir } from '../../../helpers/tempDir';

const script = join(__dirname, '../../../fixtures/metrics/reference.py');

test('MIG, SAP, DCI, TC and the Fréchet distance equal the numpy reference of disentanglement_lib to 1e-9', () => {
  const rng = new Rng(11);
  const n = 600;
  const d = 5;
  const k = 3;
  const factors = Array.from({ length: k }, (_, j) => Int32Array.from({ length: n }, () => Math.floor(rng.next() * (3 + j))));
  // codes: a noisy mixture of the factors, so every MI and correlation is non-trivial
  const codes = new Float64Array(n * d);
  for (let i = 0; i < n; i++) for (let c = 0; c < d; c++) codes[i * d + c] = factors[c % k][i] * (c + 1) * 0.3 + rng.next() + (c === 4 ? factors[0][i] : 0);
  const numeric = factors.map((f) => Float64Array.from(f, (v) => v * v + rng.next()));
  const importance = Float64Array.from({ length: d * k }, () => rng.next() * rng.next());
  const fa = Float64Array.from({ length: 200 * 4 }, () => rng.next());
  const fb = Float64Array.from({ length: 150 * 4 }, () => rng.next() * 1.5 + 0.2);
  const rows = (x: Float64Array, cols: number) => Array.from({ length: x.length / cols }, (_, i) => Array.from(x.subarray(i * cols, (i + 1) * cols)));

  const input = join(tempDir(), 'input.json');
  writeFileSync(input, JSON.stringify({ codes: rows(codes, d), factors: factors.map((f) => [...f]), numeric: numeric.map((f) => [...f]), importance: rows(importance, k), featuresA: rows(fa, 4), featuresB: rows(fb, 4) }));
  const py = spawnSync('/usr/bin/python3', [script, input], { encoding: 'utf8' });
  assert.equal(py.status, 0, py.stderr);
  const ref = JSON.parse(py.stdout) as Record<string, number> & { discretized: number[][] };
  const close = (a: number, b: number, what: string) => assert.ok(Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b)), `${what}: ${a} (TypeScript) vs ${b} (numpy)`);

  for (let c = 0; c < d; c++) {
    const col = Float64Array.from({ length: n }, (_, i) => codes[i * d + c]);
    assert.deepEqual([...histogramDiscretize(col)], ref.discretized.map((r) => r[c]), `bins of code ${c}`);
  }
  close(mig(codes, n, d, factors).mig, ref.mig, 'MIG');
  const sap = sapScoreMatrix(codes, n, d, numeric.map((values) => ({ kind: 'numeric' as const, values })), heldOutSplit(n, 1));
  close(sapFromMatrix(sap, d, k), ref.sap_continuous, 'SAP (numeric factors)');
  close(dciDisentanglement(importance, d, k), ref.dci_disentanglement, 'DCI disentanglement');
  close(dciCompleteness(importance, d, k), ref.dci_completeness, 'DCI completeness');
  close(totalCorrelationOfCodes(codes, n, d)!, ref.total_correlation, 'Gaussian TC');
  close(frechetDistance(fa, 200, fb, 150, 4), ref.frechet, 'Fréchet distance');
});
