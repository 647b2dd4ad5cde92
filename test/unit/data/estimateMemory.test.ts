import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { estimateDatasetMemory, subsetFor } from '../../../src/data/estimateMemory';
import { loadDataset } from '../../../src/data/loadDataset';
import { tempDir } from '../../helpers/tempDir';

const repo = resolve(__dirname, '../../..');

test('the memory estimate of the bundled sample equals what loading it takes, from headers only', async () => {
  const root = join(repo, 'samples', 'fashion-mnist');
  const e = await estimateDatasetMemory(root);
  assert.deepEqual([e.images, e.height, e.width, e.channels], [3000, 28, 28, 1]);
  const loaded = await loadDataset(root);
  assert.equal(e.bytes, loaded.images.byteLength);
  assert.equal(subsetFor(e, 784 * 1000 + 5), 1000);
  assert.equal(subsetFor(e, 1e12), 3000, 'never more than there are');
});

test('IDX files are estimated from their 16-byte header, gzipped or not', async () => {
  const dir = tempDir('le-est-');
  const header = Buffer.alloc(16);
  header.writeUInt32BE(0x803, 0);
  header.writeUInt32BE(500, 4);
  header.writeUInt32BE(20, 8);
  header.writeUInt32BE(30, 12);
  const body = Buffer.concat([header, Buffer.alloc(500 * 600, 7)]);
  writeFileSync(join(dir, 'a-images-idx3-ubyte.gz'), gzipSync(body));
  writeFileSync(join(dir, 'b-images-idx3-ubyte'), body);
  const e = await estimateDatasetMemory(dir);
  assert.deepEqual([e.images, e.height, e.width, e.channels, e.bytes], [1000, 20, 30, 1, 600_000]);
});
