import { test } from 'node:test';
import assert from 'node:assert/strict';
import { jsonDepth } from '../../../src/store/jsonDepth';

test('jsonDepth counts nesting and ignores brackets inside strings, escaped quotes included', () => {
  assert.equal(jsonDepth('1'), 0);
  assert.equal(jsonDepth('{"a":[1,{"b":[]}]}'), 4);
  assert.equal(jsonDepth('{"a":"[[[[{{{{"}'), 1);
  assert.equal(jsonDepth('{"a":"\\"[[[["}'), 1);
  assert.equal(jsonDepth('['.repeat(1000) + ']'.repeat(1000)), 1000);
  assert.equal(jsonDepth(JSON.stringify({ epochs: [{ train: { klPerDim: [1, 2] } }] })), 5);
});
