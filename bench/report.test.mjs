// Checks the benchmark's arithmetic: node --test bench/report.test.mjs
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { REFERENCE_LAYERS, countParameters, countSpecParameters, deriveRows, meanAfterFirst, relativeDifference, renderReport } from './report.mjs';

test('the reference layer list counts the same parameters as the weight specs of the same network', () => {
  // The specs are built the way the engine names them (kernel [in, out] + bias [out]), independently of countParameters.
  const specs = [];
  for (const [i, o] of REFERENCE_LAYERS) specs.push({ shape: [i, o] }, { shape: [o] });
  assert.equal(countParameters(REFERENCE_LAYERS), countSpecParameters(specs));
  // 784-400-20: fc1 + fc21 + fc22 + fc3 + fc4, each in·out + out.
  const d = 784, h = 400, z = 20;
  assert.equal(countParameters(REFERENCE_LAYERS), d * h + h + 2 * (h * z + z) + z * h + h + h * d + d);
});

test('meanAfterFirst drops epoch 1 and is NaN for a single epoch', () => {
  assert.equal(meanAfterFirst([1, 2, 4]), 3);
  assert.ok(Number.isNaN(meanAfterFirst([5])));
});

function rows() {
  return [
    { isPeer: true, engine: 'PyTorch', setting: 'a', samplesPerSec: [10, 20, 40], testNegElbo: 250, cpuPerWall: 1 },
    { isPeer: true, engine: 'PyTorch', setting: 'b', samplesPerSec: [100, 60], testNegElbo: 240, cpuPerWall: 2 },
    { isPeer: false, engine: 'ours', setting: 'wasm', samplesPerSec: [1, 15, 15], testNegElbo: 241.1, cpuPerWall: 1 },
  ];
}

test('deriveRows: speed against the fastest peer after epoch 1, quality against the lowest peer −ELBO', () => {
  const { rows: r, fastest, lowest } = deriveRows(rows(), 1000);
  assert.equal(fastest.setting, 'b'); // 60 after epoch 1 beats 30, though its epoch 1 was faster than every other
  assert.equal(lowest.setting, 'b');
  assert.equal(r[2].sps, 15);
  assert.equal(r[2].speedRatio, 15 / 60);
  assert.equal(r[2].gflops, (15 * 6 * 1000) / 1e9);
  assert.ok(Math.abs(r[2].elboDiff - 1.1 / 240) < 1e-15);
  assert.ok(Math.abs(relativeDifference(241.2, 240) - 0.005) < 1e-15);
});

test('renderReport states the verdict from the numbers', () => {
  const base = {
    date: 'D', command: 'npm run bench', settings: { epochs: 10, limit: null }, nTest: 10000, parameters: 1000, kernelWeights: 900,
    machine: { nproc: 2, cpuModel: 'cpu', node: 'v20', python: 'py', torch: 't', numpy: 'n', blasInfo: 'generic', blasLibs: [] },
    load: { start: 0, end: 0 }, ceiling: { one: 1, all: 2 }, commands: ['x'], skipped: [],
  };
  assert.match(renderReport({ ...base, rows: rows() }), /meets the target/); // +0.46% is within 0.5%
  const worse = rows();
  worse[2].testNegElbo = 241.3;
  const md = renderReport({ ...base, rows: worse });
  assert.match(md, /MISSES the target/);
  assert.doesNotMatch(md, /smoke run/);
  assert.match(renderReport({ ...base, settings: { epochs: 2, limit: 6000 }, rows: rows() }), /smoke run/);
});

test('renderReport: the first of our rows is the headline, a second (tfjs-wasm only) gets its own ratio, and GFLOP/s is put against the ceiling', () => {
  const base = {
    date: 'D', command: 'npm run bench', settings: { epochs: 10, limit: null }, nTest: 10000, parameters: 1000, kernelWeights: 900,
    machine: { nproc: 2, cpuModel: 'cpu', node: 'v20', python: 'py', torch: 't', numpy: 'n', blasInfo: 'generic', blasLibs: [] },
    load: { start: 0, end: 0 }, ceiling: { one: 1e-6, all: 1.8e-5 }, commands: ['x'], skipped: [],
  };
  const r = [...rows(), { isPeer: false, engine: 'ours', setting: 'wasm only', samplesPerSec: [1, 6, 6], testNegElbo: 240, cpuPerWall: 1 }];
  const md = renderReport({ ...base, rows: r });
  assert.match(md, /\*\*Speed:\*\* 0\.250× the fastest PyTorch setting \(b, 60 samples\/s\); wasm only: 0\.100×, test −ELBO \+0\.00%\./);
  // ours: 15 samples/s × 6 × 1000 = 9e-5 GFLOP/s = 500% of a 1.8e-5 ceiling; the column exists and is computed
  assert.match(md, /\| 500% \|/);
});

test('memoryGrowth measures from epoch 3 to the last epoch', async () => {
  const { memoryGrowth } = await import('./report.mjs');
  const memory = Array.from({ length: 20 }, (_, i) => ({ epoch: i + 1, rssBytes: i < 2 ? 50 : 100 + i, tensors: 30, tensorBytes: 8 }));
  const g = memoryGrowth(memory);
  assert.equal(g.from.epoch, 3);
  assert.equal(g.to.epoch, 20);
  assert.ok(Math.abs(g.rss - (119 - 102) / 102) < 1e-12);
  assert.equal(g.tensors, 0);
});

test('renderReport quotes the test suite measurements, or says they are missing', async () => {
  const base = {
    date: 'D', command: 'npm run bench', settings: { epochs: 10, limit: null }, nTest: 10000, parameters: 1000, kernelWeights: 900,
    machine: { nproc: 2, cpuModel: 'cpu', node: 'v20', python: 'py', torch: 't', numpy: 'n', blasInfo: 'generic', blasLibs: [] },
    load: { start: 0, end: 0 }, ceiling: { one: 1, all: 2 }, commands: ['x'], skipped: [], rows: rows(),
  };
  assert.match(renderReport(base), /Event loop while training: not measured yet/);
  const tests = {
    eventLoop: { measured: 'T1', command: 'npm test', workload: 'w', seconds: 3, p50Ms: 1, p99Ms: 12.5, maxMs: 40, idleP99Ms: 2, idleMaxMs: 20 },
    decodeLatency: { measured: 'T2', command: 'npm test', moves: 120, results: { '28×28×1': { p95: 1.2, count: 121 }, '64×64×3': { p95: 4.4, count: 121 } } },
  };
  const md = renderReport({ ...base, tests });
  assert.match(md, /p99 12\.50 ms.*\n.*\n.*MISSES the target/);
  assert.match(md, /28×28×1: p95 1\.2 ms, 64×64×3: p95 4\.4 ms\. Meets the target/);
});

test('renderConvSection: speed against the fastest PyTorch conv setting (target 0.7×), quality within 0.5%', async () => {
  const { renderConvSection } = await import('./report.mjs');
  const conv = (oursSps, oursElbo) => ({
    parameters: 1_000_000,
    settings: { epochs: 10, limit: null },
    rows: [
      { isPeer: true, engine: 'PyTorch', setting: '1 thread', samplesPerSec: [500, 1000, 1000], testNegElbo: 240, cpuPerWall: 1 },
      { isPeer: true, engine: 'PyTorch', setting: '2 threads', samplesPerSec: [800, 1500, 1500], testNegElbo: 241, cpuPerWall: 2 },
      { isPeer: false, engine: 'ours', setting: 'native', samplesPerSec: oursSps, testNegElbo: oursElbo, cpuPerWall: 2 },
    ],
  });
  const good = renderConvSection(conv([100, 1050, 1050], 241));
  // 1050 / 1500 = 0.7: exactly the target; 241 / 240 − 1 = 0.42%: within
  assert.match(good, /0\.700× the fastest PyTorch setting \(2 threads, 1,500 samples\/s\): meets the target/);
  assert.match(good, /\+0\.42% against PyTorch's lowest \(240\.00\): meets/);
  assert.doesNotMatch(good, /SMOKE/);
  const bad = renderConvSection({ ...conv([100, 1000, 1000], 241.3), settings: { epochs: 1, limit: 2000 } });
  assert.match(bad, /0\.667× .*MISSES the target \(≥ 0\.7×/);
  assert.match(bad, /within 0\.5%\)/);
  assert.match(bad, /MISSES the target \(within 0\.5%\)/);
  assert.match(bad, /SMOKE RUN/);
  // the whole report carries the section when the run measured it, and says so when it did not
  const { renderReport } = await import('./report.mjs');
  const base = {
    date: 'D', command: 'npm run bench', settings: { epochs: 10, limit: null }, nTest: 10000, parameters: 1000, kernelWeights: 900,
    machine: { nproc: 2, cpuModel: 'cpu', node: 'v20', python: 'py', torch: 't', numpy: 'n', blasInfo: 'generic', blasLibs: [] },
    load: { start: 0, end: 0 }, ceiling: { one: 1, all: 2 }, commands: ['x'], skipped: [], rows: rows(),
  };
  assert.match(renderReport({ ...base, conv: conv([100, 1050, 1050], 241) }), /### Convolutional VAE[\s\S]*0\.700× the fastest PyTorch setting/);
  assert.match(renderReport(base), /### Convolutional VAE \(target 2\)\n\nNot measured in this run/);
});
