// The folder of 100 000 tiny files: 10 000 in `npm test`, the full count in `npm run test:stress`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { loadDataset } from '../../../src/data/loadDataset';
import { writeManyTinyPngs } from '../../helpers/manyFiles';

const N = Number(process.env.LE_MANY_FILES) || 10_000;

test(`a folder of ${N.toLocaleString('en')} tiny PNGs loads completely, labelled by folder`, { timeout: 600_000 }, async () => {
  const root = writeManyTinyPngs(N);
  try {
    const started = performance.now();
    let progressCalls = 0;
    const ds = await loadDataset(root, { onProgress: () => progressCalls++ });
    const seconds = (performance.now() - started) / 1000;
    assert.equal(ds.count, N);
    assert.equal(ds.report.skipped.length, 0);
    assert.deepEqual(ds.labelNames, Array.from({ length: 10 }, (_, c) => `class${c}`));
    assert.equal(ds.images.byteLength, N * 16);
    assert.ok(progressCalls > 1, 'progress is reported while loading');
    console.log(`loaded ${N} files in ${seconds.toFixed(1)} s (${Math.round(N / seconds)} files/s)`);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});
