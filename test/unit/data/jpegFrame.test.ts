// JPEG kinds jpeg-js cannot decode are refused by name (not as "truncated or corrupt"), the colour space of three
// components is decided as libjpeg decides it, and the loader and `encode` say the same thing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { decodeImage, ImageError } from '../../../src/data/decodeImage';
import { decodeFile } from '../../../src/data/decodeFile';
import { prepareImageFile } from '../../../src/data/prepareImage';
import { isUserError } from '../../../src/shared/userError';

const dir = join(__dirname, '../../fixtures/conformance/jpeg');
const baseline = readFileSync(join(dir, 'size-16x16.jpg'));
const adobeRgb = readFileSync(join(dir, 'adobe-rgb.jpg'));

/** The file with its frame header's SOF marker (and optionally its precision) rewritten. */
function withSof(jpg: Buffer, sof: number, precision?: number): Buffer {
  const out = Buffer.from(jpg);
  const i = out.indexOf(Buffer.from([0xff, 0xc0]));
  out[i + 1] = 0xc0 + sof;
  if (precision !== undefined) out[i + 4] = precision;
  return out;
}

function reasonOf(bytes: Uint8Array): string {
  try {
    decodeImage(bytes);
  } catch (err) {
    assert.ok(err instanceof ImageError, `an ImageError, not ${String(err)}`);
    return err.message;
  }
  assert.fail('decoded, but should have been refused');
}

test('every frame type jpeg-js cannot decode is refused with its name', () => {
  const want: Record<number, RegExp> = {
    3: /^unsupported: lossless JPEG \(SOF3\)/,
    5: /^unsupported: hierarchical JPEG \(SOF5\)/,
    6: /^unsupported: hierarchical JPEG \(SOF6\)/,
    7: /^unsupported: lossless JPEG, hierarchical JPEG \(SOF7\)/,
    9: /^unsupported: arithmetic coding \(SOF9\)/,
    10: /^unsupported: arithmetic coding \(SOF10\)/,
    11: /^unsupported: lossless JPEG, arithmetic coding \(SOF11\)/,
    13: /^unsupported: arithmetic coding, hierarchical JPEG \(SOF13\)/,
    14: /^unsupported: arithmetic coding, hierarchical JPEG \(SOF14\)/,
    15: /^unsupported: lossless JPEG, arithmetic coding, hierarchical JPEG \(SOF15\)/,
  };
  for (const [sof, re] of Object.entries(want)) assert.match(reasonOf(withSof(baseline, +sof)), re, `SOF${sof}`);
});

test('12-bit JPEGs are refused, never decoded to garbage; other precisions are corrupt', () => {
  for (const sof of [0, 1, 2]) assert.match(reasonOf(withSof(baseline, sof, 12)), new RegExp(`^unsupported: 12-bit JPEG \\(SOF${sof}`));
  assert.match(reasonOf(withSof(baseline, 0, 16)), /^corrupt JPEG: .* 16-bit samples/);
  // SOF1 (extended Huffman) with 8-bit samples is within jpeg-js's reach and decodes as the baseline does
  assert.deepEqual(decodeImage(withSof(baseline, 1)).data, decodeImage(baseline).data);
});

test('three components are RGB after Adobe transform 0 or ids R, G, B, and YCbCr after JFIF', () => {
  const rgb = decodeImage(adobeRgb);
  // the same file without its APP14 marker: component ids 'R', 'G', 'B' still say RGB (libjpeg's rule)
  const app14 = adobeRgb.indexOf(Buffer.from([0xff, 0xee]));
  const length = adobeRgb.readUInt16BE(app14 + 2);
  const idsOnly = Buffer.concat([adobeRgb.subarray(0, app14), adobeRgb.subarray(app14 + 2 + length)]);
  assert.deepEqual(decodeImage(idsOnly).data, rgb.data);
  // with a JFIF marker in its place the file claims YCbCr, and is converted as such: other pixels
  const jfif = Buffer.from('ffe000104a46494600010100000100010000', 'hex');
  const claimsYcc = Buffer.concat([adobeRgb.subarray(0, 2), jfif, idsOnly.subarray(2)]);
  assert.notDeepEqual(decodeImage(claimsYcc).data, rgb.data);
});

test('the loader and `encode` refuse an arithmetic-coded JPEG with the same reason, naming the file', async () => {
  const path = join(dir, 'arithmetic.jpg');
  const outcome = decodeFile(path, { width: 35, height: 21 }, 1e6);
  assert.ok('reason' in outcome);
  assert.match(outcome.reason, /^unsupported: arithmetic coding/);
  await assert.rejects(prepareImageFile(path, { width: 35, height: 21, channels: 3 }), (err: unknown) => {
    assert.ok(isUserError(err));
    assert.ok((err as Error).message.includes(path) && (err as Error).message.includes(outcome.reason));
    return true;
  });
});
