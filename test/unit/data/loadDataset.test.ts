import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { datasetFingerprint, loadDataset, splitDataset, subsetDataset } from '../../../src/data';
import { resizeArea } from '../../../src/data/resize';
import { isUserError } from '../../../src/shared/userError';
import { bombPng, idxImages, idxLabels, jpegFromRgba, pattern, pngFromRgba } from '../../fixtures/makeImages';
import { tempDir } from '../../helpers/tempDir';

function tmp(): string {
  return tempDir('le-data-');
}

function solid(w: number, h: number, v: number): Uint8Array {
  const rgba = new Uint8Array(w * h * 4).fill(v);
  for (let i = 3; i < rgba.length; i += 4) rgba[i] = 255;
  return rgba;
}

test('a labelled folder with broken and odd files loads the good ones and reports every bad one', async () => {
  const root = tmp();
  mkdirSync(join(root, 'cats'));
  mkdirSync(join(root, 'dogs', 'deeper'), { recursive: true });
  writeFileSync(join(root, 'cats', 'a.png'), pngFromRgba(solid(8, 8, 10), 8, 8, 0));
  writeFileSync(join(root, 'cats', 'b with space ü.png'), pngFromRgba(solid(8, 8, 20), 8, 8, 0));
  writeFileSync(join(root, 'dogs', 'c.jpg'), pngFromRgba(solid(8, 8, 30), 8, 8, 0)); // a PNG named .jpg
  writeFileSync(join(root, 'dogs', 'deeper', 'd.png'), pngFromRgba(solid(16, 16, 40), 16, 16, 0)); // resized
  writeFileSync(join(root, 'dogs', 'empty.png'), Buffer.alloc(0));
  writeFileSync(join(root, 'dogs', 'text.png'), 'not an image');
  writeFileSync(join(root, 'dogs', 'cut.jpg'), jpegFromRgba(pattern(8, 8), 8, 8).subarray(0, 80));
  writeFileSync(join(root, 'dogs', 'bomb.png'), bombPng(100000, 100000));
  writeFileSync(join(root, 'cats', '.hidden.png'), pngFromRgba(solid(8, 8, 1), 8, 8, 0));
  writeFileSync(join(root, 'notes.txt'), 'ignored');
  writeFileSync(join(root, 'cats', 'one-pixel.png'), pngFromRgba(solid(1, 1, 60), 1, 1, 0));
  writeFileSync(join(root, 'cats', 'very-wide.png'), pngFromRgba(solid(2000, 1, 70), 2000, 1, 0));
  symlinkSync('/etc/hostname', join(root, 'cats', 'outside.png'));
  symlinkSync(root, join(root, 'dogs', 'loop'));
  const ds = await loadDataset(root);
  assert.equal(ds.count, 6);
  assert.deepEqual([ds.height, ds.width, ds.channels], [8, 8, 1]);
  assert.deepEqual(ds.labelNames, ['cats', 'dogs']);
  assert.deepEqual(Array.from(ds.labels!), [0, 0, 0, 0, 1, 1]);
  const at = (name: string) => ds.sources.findIndex((s) => s.endsWith(name));
  assert.equal(ds.images[at('d.png') * 64], 40, 'the 16×16 image is area-averaged to 8×8');
  assert.deepEqual([...new Set(ds.images.subarray(at('one-pixel.png') * 64, (at('one-pixel.png') + 1) * 64))], [60], 'a 1×1 image is replicated');
  assert.deepEqual([...new Set(ds.images.subarray(at('very-wide.png') * 64, (at('very-wide.png') + 1) * 64))], [70], 'a 2000×1 image is averaged');
  assert.equal(ds.report.resized, 3);
  assert.equal(ds.report.ignored, 1);
  const reasons = new Map(ds.report.skipped.map((s) => [s.path.slice(root.length + 1), s.reason]));
  assert.match(reasons.get('dogs/empty.png')!, /empty/);
  assert.match(reasons.get('dogs/text.png')!, /not an image/);
  assert.match(reasons.get('dogs/cut.jpg')!, /JPEG/);
  assert.match(reasons.get('dogs/bomb.png')!, /refused before decoding/);
  assert.match(reasons.get('cats/.hidden.png')!, /hidden/);
  assert.match(reasons.get('cats/outside.png')!, /outside the dataset root/);
  assert.match(reasons.get('dogs/loop')!, /loop/);
});

test('a limit takes a seeded random sample across the class folders, not the first classes', async () => {
  const root = tmp();
  for (let c = 0; c < 10; c++) {
    mkdirSync(join(root, `c${c}`));
    for (let i = 0; i < 50; i++) writeFileSync(join(root, `c${c}`, `${i}.png`), pngFromRgba(solid(4, 4, c * 20 + (i % 7)), 4, 4, 0));
  }
  const a = await loadDataset(root, { limit: 100 });
  assert.equal(a.count, 100);
  const classes = new Set(a.labels);
  assert.ok(classes.size >= 8, `the sample covers ${classes.size} of 10 classes (the first 100 files would cover 2)`);
  const b = await loadDataset(root, { limit: 100 });
  assert.deepEqual(b.sources, a.sources, 'the same sample every time');
});

test('a flat folder is unlabelled; colour anywhere makes the dataset RGB', async () => {
  const root = tmp();
  writeFileSync(join(root, '1.png'), pngFromRgba(solid(4, 4, 50), 4, 4, 0));
  writeFileSync(join(root, '2.png'), pngFromRgba(pattern(4, 4), 4, 4, 2));
  const ds = await loadDataset(root);
  assert.equal(ds.labels, null);
  assert.equal(ds.channels, 3);
  assert.deepEqual(Array.from(ds.images.subarray(0, 3)), [50, 50, 50]);
  assert.equal(ds.report.channelConverted, 1);
});

test('the default size is the most common one, capped at 64×64 keeping the aspect; --size overrides', async () => {
  const root = tmp();
  for (let i = 0; i < 3; i++) writeFileSync(join(root, `big${i}.png`), pngFromRgba(solid(128, 96, 9), 128, 96, 0));
  writeFileSync(join(root, 'small.png'), pngFromRgba(solid(10, 10, 9), 10, 10, 0));
  const ds = await loadDataset(root);
  assert.deepEqual([ds.width, ds.height], [64, 48]);
  const forced = await loadDataset(root, { size: { width: 5, height: 5 }, limit: 2 });
  assert.deepEqual([forced.width, forced.height, forced.count], [5, 5, 2]);
});

test('area averaging: exact box means for 4×4 → 2×2 and fractional weights for 3×3 → 2×2', () => {
  const img4 = { width: 4, height: 4, channels: 1 as const, data: Uint8Array.from({ length: 16 }, (_, i) => i * 10) };
  assert.deepEqual(Array.from(resizeArea(img4, 2, 2).data), [25, 45, 105, 125]);
  const img3 = { width: 3, height: 3, channels: 1 as const, data: Uint8Array.from([0, 90, 180, 0, 90, 180, 0, 90, 180]) };
  // each output covers 1.5 source pixels: left = (0·1 + 90·0.5)/1.5 = 30, right = (90·0.5 + 180)/1.5 = 150
  assert.deepEqual(Array.from(resizeArea(img3, 2, 2).data), [30, 150, 30, 150]);
});

test('IDX files (gzipped or not) load with their labels; a label count mismatch is reported', async () => {
  const root = tmp();
  const px = Uint8Array.from({ length: 3 * 4 }, (_, i) => i * 20);
  writeFileSync(join(root, 'train-images-idx3-ubyte.gz'), gzipSync(idxImages(px, 3, 2, 2)));
  writeFileSync(join(root, 'train-labels-idx1-ubyte.gz'), gzipSync(idxLabels([2, 0, 2])));
  writeFileSync(join(root, 'bad-images-idx3-ubyte'), idxImages(px, 3, 2, 2));
  writeFileSync(join(root, 'bad-labels-idx1-ubyte'), idxLabels([1]));
  const ds = await loadDataset(root);
  assert.equal(ds.count, 3);
  assert.deepEqual(ds.labelNames, ['0', '2']);
  assert.deepEqual(Array.from(ds.labels!), [1, 0, 1]);
  assert.deepEqual(Array.from(ds.images), Array.from(px));
  assert.match(ds.report.skipped.find((s) => s.path.endsWith('bad-images-idx3-ubyte'))!.reason, /1 labels for 3 images/);
  const single = await loadDataset(join(root, 'train-images-idx3-ubyte.gz'));
  assert.equal(single.count, 3);
});

test('missing, empty and image-less folders are user errors that say what was found', async () => {
  const isUser = (re: RegExp) => (e: unknown) => isUserError(e) && re.test((e as Error).message);
  await assert.rejects(loadDataset('/nonexistent/folder'), isUser(/does not exist/));
  const empty = tmp();
  await assert.rejects(loadDataset(empty), isUser(/No usable images.*no PNG, JPEG/));
  writeFileSync(join(empty, 'a.txt'), 'x');
  writeFileSync(join(empty, 'b.png'), 'x');
  await assert.rejects(loadDataset(empty), isUser(/1 image file\(s\) found but none could be read; 1 other file\(s\) ignored/));
});

test('split is seeded and complete; the fingerprint follows pixels, not paths', async () => {
  const root = tmp();
  for (let i = 0; i < 20; i++) writeFileSync(join(root, `${i}.png`), pngFromRgba(solid(2, 2, i), 2, 2, 0));
  const ds = await loadDataset(root);
  const a = splitDataset(ds, 0.25, 7);
  const b = splitDataset(ds, 0.25, 7);
  assert.equal(a.validation.count, 5);
  assert.equal(a.train.count, 15);
  assert.deepEqual(a.validation.sources, b.validation.sources);
  assert.notDeepEqual(splitDataset(ds, 0.25, 8).validation.sources, a.validation.sources);
  const all = new Set([...a.train.sources, ...a.validation.sources]);
  assert.equal(all.size, 20);
  assert.equal(splitDataset(ds, 0).validation.count, 0);
  const f = datasetFingerprint(ds);
  assert.equal(datasetFingerprint({ ...ds, sources: ds.sources.map((s) => s + 'x') }), f);
  const changed = subsetDataset(ds, Array.from({ length: 20 }, (_, i) => i));
  changed.images[5] ^= 1;
  assert.notEqual(datasetFingerprint(changed), f);
});
