import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isSideToHost } from '../../../src/protocol/sideView';

test('the side view may send only its own messages', () => {
  for (const ok of ['ready', 'train', 'open', 'cancel', 'evaluate', 'sample'].map((type) => ({ type })).concat([{ type: 'openModel', index: 3 } as never])) {
    assert.ok(isSideToHost(ok), JSON.stringify(ok));
  }
  for (const bad of [null, 'ready', [], {}, { type: 'ready', x: 1 }, { type: 'openModel' }, { type: 'openModel', index: -1 }, { type: 'openModel', index: 'a' }, { type: 'sample', count: 3 }, { type: 'Sample' }, { type: 'runCommand', id: 'x' }]) {
    assert.equal(isSideToHost(bad), false, JSON.stringify(bad));
  }
});
