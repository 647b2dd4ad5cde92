// Broken PNGs are refused with their true reason, the same way every time, by the loader and by `encode` alike.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { crc32 } from 'node:zlib';
import { join } from 'node:path';
import { decodeImage, ImageError } from '../../../src/data/decodeImage';
import { decodeFile } from '../../../src/data/decodeFile';
import { tableCrc32 } from '../../../src/data/pngChunks';
import { prepareImageFile } from '../../../src/data/prepareImage';
import { isUserError } from '../../../src/shared/userError';
import { chunk, deflateSync, grayRows, ihdr, png } from './pngBytes';
import { tempDir } from '../../helpers/tempDir';

const W = 5;
const H = 4;
const rows = grayRows(W, H, (x, y) => 40 * x + y);
const good = png(ihdr(W, H, 8, 0), chunk('IDAT', deflateSync(rows)), chunk('IEND'));

function reasonOf(bytes: Uint8Array): string {
  try {
    decodeImage(bytes);
  } catch (err) {
    assert.ok(err instanceof ImageError, `an ImageError, not ${String(err)}`);
    return err.message;
  }
  assert.fail('decoded, but should have been refused');
}

test('the hand-written PNG decodes to its rows; without IEND too, since its image data is complete', () => {
  const want = Array.from({ length: W * H }, (_, p) => 40 * (p % W) + Math.floor(p / W));
  assert.deepEqual(Array.from(decodeImage(good).data), want);
  const noIend = png(ihdr(W, H, 8, 0), chunk('IDAT', deflateSync(rows)));
  assert.deepEqual(Array.from(decodeImage(noIend).data), want);
});

test('a PNG without image data is refused as "no image data (IDAT)", the same on every run', () => {
  const noIdat = png(ihdr(W, H, 8, 0), chunk('IEND'));
  const emptyIdat = png(ihdr(W, H, 8, 0), chunk('IDAT'), chunk('IEND'));
  const bigNoIdat = png(ihdr(3000, 3000, 8, 6), chunk('IEND'));
  for (let run = 0; run < 20; run++) {
    assert.match(reasonOf(noIdat), /^no image data \(IDAT\)/);
    assert.match(reasonOf(emptyIdat), /^no image data \(IDAT\)/);
    assert.match(reasonOf(bigNoIdat), /^no image data \(IDAT\)/);
  }
});

test('an empty, short or cut zlib stream is "image data ends early", never leftover memory', () => {
  const stream = deflateSync(rows);
  const cases = [
    png(ihdr(W, H, 8, 0), chunk('IDAT', deflateSync(Buffer.alloc(0))), chunk('IEND')), // a complete stream of nothing
    png(ihdr(W, H, 8, 0), chunk('IDAT', deflateSync(rows.subarray(0, W + 1))), chunk('IEND')), // one row of four
    png(ihdr(W, H, 8, 0), chunk('IDAT', stream.subarray(0, stream.length - 6)), chunk('IEND')), // stream cut short
    png(ihdr(W, H, 8, 0), chunk('IDAT', stream)).subarray(0, 33 + 8 + 5), // file cut inside IDAT
    png(ihdr(300, 300, 8, 2, 1), chunk('IDAT', deflateSync(Buffer.alloc(10))), chunk('IEND')), // interlaced, short
  ];
  for (let run = 0; run < 10; run++) {
    for (const bytes of cases) assert.match(reasonOf(bytes), /^image data ends early/);
  }
});

test('impossible colour types and bit depths are named, not "unrecognised content at end of stream"', () => {
  const body = [chunk('IDAT', deflateSync(rows)), chunk('IEND')];
  for (const ct of [1, 5, 7, 8, 9]) assert.match(reasonOf(png(ihdr(W, H, 8, ct), ...body)), new RegExp(`^corrupt PNG: colour type ${ct} does not exist`));
  const depths: [number, number][] = [[0, 3], [0, 32], [2, 0], [2, 3], [2, 4], [2, 99], [3, 16], [4, 1], [6, 2]];
  for (const [ct, bd] of depths) {
    assert.match(reasonOf(png(ihdr(W, H, bd, ct), ...body)), new RegExp(`^corrupt PNG: bit depth ${bd} is not allowed for colour type ${ct}`));
  }
  assert.match(reasonOf(png(ihdr(W, H, 8, 0, 2), ...body)), /interlace method 2/);
});

test('chunk-level damage is named: CRC, order, missing palette, unknown critical chunk, bad filter, palette index', () => {
  const idat = chunk('IDAT', deflateSync(rows));
  const iend = chunk('IEND');
  assert.match(reasonOf(png(ihdr(W, H, 8, 0), chunk('IDAT', deflateSync(rows), true), iend)), /checksum \(CRC\) of its IDAT/);
  const badHeader = Buffer.from(ihdr(W, H, 8, 0));
  badHeader[badHeader.length - 1] ^= 1;
  assert.match(reasonOf(png(badHeader, idat, iend)), /checksum \(CRC\) of its IHDR/);
  assert.match(reasonOf(png(chunk('tEXt', Buffer.from('a\0b')), ihdr(W, H, 8, 0), idat, iend)), /first chunk is tEXt/);
  assert.match(reasonOf(png(ihdr(W, H, 8, 3), idat, iend)), /palette image without a palette/);
  assert.match(reasonOf(png(ihdr(W, H, 8, 0), chunk('ABCD', Buffer.alloc(1)), idat, iend)), /unknown critical chunk ABCD/);
  assert.match(reasonOf(png(ihdr(W, H, 8, 0), idat, chunk('tEXt', Buffer.from('a\0b')), idat, iend)), /not consecutive/);
  assert.match(reasonOf(png(ihdr(W, H, 8, 0), chunk('IDAT', deflateSync(grayRows(W, H, () => 1, 7))), iend)), /filter type 7/);
  const twoColours = chunk('PLTE', Buffer.from([0, 0, 0, 255, 255, 255]));
  assert.match(reasonOf(png(ihdr(W, H, 8, 3), twoColours, chunk('IDAT', deflateSync(grayRows(W, H, () => 9))), iend)), /palette entry 9 .* 2 entries/);
  assert.match(reasonOf(png(ihdr(W, H, 8, 0), chunk('IDAT', deflateSync(Buffer.concat([rows, rows]))), iend)), /more image data than/);
  assert.match(reasonOf(png(ihdr(W, H, 8, 0), chunk('IDAT', Buffer.from('not zlib at all')), iend)), /compressed image data is damaged/);
});

test('the loader and `encode` refuse a PNG without image data with the same reason, naming the file', async () => {
  const dir = tempDir('le-png-');
  const path = join(dir, 'no-idat.png');
  writeFileSync(path, png(ihdr(W, H, 8, 0), chunk('IEND')));
  const outcome = decodeFile(path, { width: W, height: H }, 1e6);
  assert.ok('reason' in outcome);
  assert.match(outcome.reason, /^no image data \(IDAT\)/);
  await assert.rejects(prepareImageFile(path, { width: W, height: H, channels: 1 }), (err: unknown) => {
    assert.ok(isUserError(err));
    assert.ok((err as Error).message.includes(path), 'names the file');
    assert.ok((err as Error).message.includes(outcome.reason), 'the loader’s reason');
    return true;
  });
});

test('the CRC-32 table used where zlib has none (Node before 20.15) agrees with zlib', () => {
  for (const n of [0, 1, 13, 1000]) {
    const data = randomBytes(n);
    assert.equal(tableCrc32(data), crc32(data));
  }
});
