import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LatencyMeter } from '../../../src/webview/latencyMeter';

test('LatencyMeter: nearest-rank percentiles over the most recent samples only', () => {
  const m = new LatencyMeter(100);
  assert.ok(Number.isNaN(m.percentile(95)));
  for (let i = 1; i <= 100; i++) m.record(i);
  assert.equal(m.percentile(95), 95);
  assert.equal(m.percentile(50), 50);
  assert.equal(m.percentile(100), 100);
  // 100 more samples of 1000 ms push every older one out of the window
  for (let i = 0; i < 100; i++) m.record(1000);
  assert.equal(m.count, 100);
  assert.equal(m.percentile(1), 1000);
  m.reset();
  assert.equal(m.count, 0);
});
