import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadDataset, type Dataset } from '../../../src/data';
import { decodeFiles } from '../../../src/data/decodeFiles';
import { DecodePool, decodeThreads, findWorkerFile } from '../../../src/data/decodePool';
import type { FileOutcome } from '../../../src/data/decodeFile';
import { isUserError } from '../../../src/shared/userError';
import { bombPng, jpegFromRgba, pattern, pngFromRgba } from '../../fixtures/makeImages';
import { tempDir } from '../../helpers/tempDir';

/** Forces the pool on a folder far below its usual threshold. */
const POOLED = { threads: 2, poolMinFiles: 0 };
const IN_THREAD = { threads: 0 };

/** RGBA for image i: a gray gradient shifted by i, or (colour) a per-channel pattern. */
function rgbaFor(i: number, w: number, h: number, colour: boolean): Uint8Array {
  const rgba = new Uint8Array(w * h * 4);
  for (let p = 0; p < w * h; p++) {
    const v = (i * 37 + p * 11) & 255;
    rgba.set(colour ? [v, (v * 3) & 255, 255 - v, 255] : [v, v, v, 255], p * 4);
  }
  return rgba;
}

/**
 * A few thousand small PNGs in three class folders: mostly 8×8 gray, some larger (resized), some colour (so the
 * dataset is RGB and gray ones are converted), some 16-bit, and corrupt files of every kind spread among them.
 */
function writeMixedFolder(n = 2600): string {
  const root = tempDir('le-pool-');
  const classes = ['alpha', 'beta', 'gamma'];
  for (const c of classes) mkdirSync(join(root, c));
  for (let i = 0; i < n; i++) {
    const file = join(root, classes[i % 3], `${String(i).padStart(5, '0')}`);
    const size = i % 50 === 7 ? 12 : 8;
    const colour = i % 97 === 5;
    const png = pngFromRgba(rgbaFor(i, size, size, colour), size, size, colour ? 2 : 0, i % 200 === 3 ? 16 : 8);
    if (i % 211 === 10) writeFileSync(`${file}.png`, Buffer.alloc(0));
    else if (i % 211 === 20) writeFileSync(`${file}.png`, 'not an image at all');
    else if (i % 211 === 30) writeFileSync(`${file}.png`, png.subarray(0, png.length >> 1));
    else if (i % 211 === 40) writeFileSync(`${file}.png`, bombPng(100000, 100000));
    else if (i % 211 === 50) writeFileSync(`${file}.jpg`, jpegFromRgba(pattern(8, 8), 8, 8).subarray(0, 80));
    else if (i % 211 === 60) writeFileSync(`${file}.jpg`, jpegFromRgba(pattern(8, 8), 8, 8));
    else writeFileSync(`${file}.png`, png);
  }
  writeFileSync(join(root, 'notes.txt'), 'ignored');
  return root;
}

const root = writeMixedFolder();

function assertSameDataset(pooled: Dataset, inThread: Dataset): void {
  assert.deepEqual([pooled.count, pooled.height, pooled.width, pooled.channels], [inThread.count, inThread.height, inThread.width, inThread.channels]);
  assert.ok(Buffer.from(pooled.images).equals(Buffer.from(inThread.images)), 'the images are byte for byte the same');
  assert.deepEqual(pooled.labels, inThread.labels);
  assert.deepEqual(pooled.labelNames, inThread.labelNames);
  assert.deepEqual(pooled.sources, inThread.sources);
  const { decodeThreads: _pooledThreads, ...pooledReport } = pooled.report;
  const { decodeThreads: _inThreadThreads, ...inThreadReport } = inThread.report;
  assert.deepEqual(pooledReport, inThreadReport, 'the same skipped files, in the same order, for the same reasons');
}

test('the worker bundle is built (node scripts/build.mjs), or the pooled tests below would prove nothing', () => {
  assert.ok(findWorkerFile(), 'dist/decodeWorker.js is missing: run node scripts/build.mjs (npm run test:unit does)');
});

test('decoding on the pool gives the same images, labels and skipped files as decoding in the loading thread', async () => {
  const inThread = await loadDataset(root, IN_THREAD);
  const pooled = await loadDataset(root, POOLED);
  assert.equal(pooled.report.decodeThreads, 2, 'the pool did the decoding');
  assert.equal(inThread.report.decodeThreads, 0);
  assertSameDataset(pooled, inThread);
  // the folder exercises what it should: conversions, resizing and every kind of bad file
  assert.equal(inThread.channels, 3);
  assert.ok(inThread.report.resized > 0 && inThread.report.channelConverted > 0);
  const reasons = inThread.report.skipped.map((s) => s.reason).join('\n');
  for (const re of [/empty/, /not an image/, /truncated PNG/, /refused before decoding/, /JPEG/]) assert.match(reasons, re);
  assert.ok(inThread.report.skipped.length >= 60);
});

test('a limit stops the pooled load at the same file, and progress is reported at the same counts', async () => {
  const calls = (into: number[][]) => (done: number, total: number) => into.push([done, total]);
  const seqCalls: number[][] = [];
  const poolCalls: number[][] = [];
  const inThread = await loadDataset(root, { ...IN_THREAD, limit: 1234, onProgress: calls(seqCalls) });
  const pooled = await loadDataset(root, { ...POOLED, limit: 1234, onProgress: calls(poolCalls) });
  assert.equal(pooled.count, 1234);
  assertSameDataset(pooled, inThread);
  assert.deepEqual(poolCalls, seqCalls);
  assert.deepEqual(seqCalls[0], [500, 2600]);
  const all: number[][] = [];
  await loadDataset(root, { ...POOLED, size: { width: 5, height: 5 }, onProgress: calls(all) });
  assert.deepEqual(all.map(([done]) => done), [500, 1000, 1500, 2000, 2500]);
});

test('when a decode worker dies, the rest is decoded in the loading thread with the same outcomes and a warning', async () => {
  const paths = (await loadDataset(root, { ...IN_THREAD, limit: 700 })).sources;
  const size = { width: 8, height: 8 };
  const collect = async (outcomes: AsyncGenerator<FileOutcome>) => {
    const out: FileOutcome[] = [];
    for await (const o of outcomes) out.push(o);
    return out;
  };
  const expected = await collect(decodeFiles(paths, size, 1e6, null));
  const warnings: Error[] = [];
  const onWarning = (w: Error) => warnings.push(w);
  process.on('warning', onWarning);
  const pool = DecodePool.open(paths.length, POOLED)!;
  try {
    // a request the worker cannot even read throws in the worker itself: the kind of failure a bug would cause
    await assert.rejects(pool.decode(null as unknown as string[], size, 1e6));
    assert.equal(pool.healthy, false);
    const got = await collect(decodeFiles(paths, size, 1e6, pool));
    assert.deepEqual(got, expected);
  } finally {
    await pool.close();
    process.off('warning', onWarning);
  }
  assert.ok(warnings.some((w) => /decoding continues in the loading thread/.test(w.message)));
});

test('thread count: the option, else LATENT_EXPLORER_LOAD_THREADS, else the cores up to four; few files use no pool', () => {
  const saved = process.env.LATENT_EXPLORER_LOAD_THREADS;
  try {
    delete process.env.LATENT_EXPLORER_LOAD_THREADS;
    const n = decodeThreads({});
    assert.ok(n >= 1 && n <= 4);
    process.env.LATENT_EXPLORER_LOAD_THREADS = '3';
    assert.equal(decodeThreads({}), 3);
    assert.equal(decodeThreads({ threads: 1 }), 1);
    process.env.LATENT_EXPLORER_LOAD_THREADS = 'many';
    assert.throws(() => decodeThreads({}), (e: unknown) => isUserError(e) && /LATENT_EXPLORER_LOAD_THREADS/.test((e as Error).message));
  } finally {
    if (saved === undefined) delete process.env.LATENT_EXPLORER_LOAD_THREADS;
    else process.env.LATENT_EXPLORER_LOAD_THREADS = saved;
  }
  assert.equal(DecodePool.open(1999, { threads: 2 }), null);
  assert.equal(DecodePool.open(1e6, { threads: 0 }), null);
});
