// The factors CSV: read against the dataset's images, with one clear line (file and line) for each kind of bad input.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { parseCsvLine, parseFactors } from '../../../src/training/metricsFactors';
import { isUserError } from '../../../src/shared/userError';

const root = '/data/set';
const ds = { sources: ['a/1.png', 'a/2.png', 'b/3.png'].map((p) => join(root, p)), report: { root, loaded: 3, skipped: [{ path: join(root, 'b/bad.png'), reason: 'corrupt' }], resized: 0, channelConverted: 0 } };

function refused(text: string, pattern: RegExp): void {
  assert.throws(
    () => parseFactors(text, 'f.csv', ds),
    (err: unknown) => isUserError(err) && pattern.test((err as Error).message),
  );
}

test('CSV lines: quoted fields with commas and doubled quotes, trimmed; an open quote is null', () => {
  assert.deepEqual(parseCsvLine('a, "b, c" ,"say ""hi"""'), ['a', 'b, c', 'say "hi"']);
  assert.equal(parseCsvLine('"open'), null);
});

test('factors in dataset order: numeric columns as numbers, text columns as numbered categories; rows for skipped files ignored', () => {
  const f = parseFactors('\uFEFFpath,size,shape\r\nb/3.png,2.5,circle\n./a/1.png,1,square\na\\2.png,-3,circle\nb/bad.png,0,x\n\n', 'f.csv', ds);
  assert.deepEqual(f.map((x) => [x.name, x.kind]), [['size', 'numeric'], ['shape', 'categorical']]);
  assert.deepEqual([...f[0].values], [1, -3, 2.5]);
  assert.deepEqual(f[1].categories, ['circle', 'square']);
  assert.deepEqual([...f[1].values], [1, 0, 0]);
});

test('bad factors files are refused naming the file, the line and the reason', () => {
  refused('name,size\na/1.png,1', /f\.csv line 1: the first column is "name"; it must be "file" or "path"/);
  refused('file\na/1.png', /f\.csv line 1: no factor columns/);
  refused('file,s,s\n', /f\.csv line 1: the column "s" appears twice/);
  refused('file,s\na/1.png,1\nc/9.png,2', /f\.csv line 3: "c\/9\.png" is not an image of the dataset at \/data\/set/);
  refused('file,s\na/1.png,1,2', /f\.csv line 2: 3 values, but the header has 2 columns/);
  refused('file,s\na/1.png,', /f\.csv line 2: no value for "s"/);
  refused('file,s\na/1.png,1\na/1.png,2', /f\.csv line 3: "a\/1\.png" already has a row/);
  refused('file,s\na/1.png,1', /f\.csv has no row for a\/2\.png and 1 other image\(s\)/);
  refused('file,s\n"a/1.png,1', /f\.csv line 2: a quoted field is not closed/);
});
