// The page's store and its persisted state, outside the browser: listeners run only for the fields they use,
// and the state survives VS Code's JSON round trip, typed arrays included, while a slice written in an older
// shape (plain arrays) is dropped rather than drawn wrong.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Store } from '../../../src/webview/pageStore';
import { INITIAL, persistTo, restore, type PageState } from '../../../src/webview/state';
import { hostToPageExamples } from '../protocol/examples';

test('a listener runs once per update that gives one of its fields a new value, and not otherwise', () => {
  const store = new Store({ a: 1, b: [1], c: 'x' });
  const calls: string[][] = [];
  store.subscribe(['a', 'b'], (_, changed) => calls.push([...changed].sort()));
  store.update({ c: 'y' });
  store.update({ a: 1 });
  const b = store.get().b;
  store.update({ b });
  assert.deepEqual(calls, [], 'unrelated fields and identical values notify nobody');
  store.update({ a: 2, b: [2], c: 'z' });
  assert.deepEqual(calls, [['a', 'b', 'c']], 'one call for several changed fields, told which');
});

test('the persisted state survives a JSON round trip with its typed arrays; the decoder and map do not persist', () => {
  const { preview } = hostToPageExamples.preview.valid;
  const { encoding } = hostToPageExamples.encoded.valid;
  const { summary, epochs } = hostToPageExamples.model.valid;
  const store = new Store<PageState>({ ...INITIAL });
  let saved: unknown = null;
  persistTo(store, (s) => (saved = JSON.parse(JSON.stringify(s))));
  store.update({ summary, model: summary.model, epochs, modelDir: summary.modelDir, preview, encoded: encoding, code: [1, 2], samples: { temperature: 0.5, seed: 3 } });
  store.update({ latentMap: hostToPageExamples.latentMap.valid.map, theme: 4 });
  const back = restore(saved);
  assert.ok(back.preview?.originals instanceof Uint8Array);
  assert.deepEqual(back.preview, preview);
  assert.deepEqual(back.encoded, encoding);
  assert.deepEqual([back.modelDir, back.code, back.samples], ['/models/m', [1, 2], { temperature: 0.5, seed: 3 }]);
  assert.deepEqual([back.latentMap, back.theme, back.vae], [null, 0, null]);
});

test('a restored slice that does not fit its declaration is dropped, the rest kept', () => {
  const { preview } = hostToPageExamples.preview.valid;
  // as an older version persisted it: pixels as plain number lists
  const old = { modelDir: '/models/m', preview: { ...preview, originals: Array.from(preview.originals), reconstructions: Array.from(preview.reconstructions) }, pickNext: 'c', samples: { temperature: 1, seed: 2 } };
  const back = restore(JSON.parse(JSON.stringify(old)));
  assert.equal(back.preview, null);
  assert.equal(back.pickNext, 'a');
  assert.deepEqual([back.modelDir, back.samples], ['/models/m', { temperature: 1, seed: 2 }]);
  assert.deepEqual(restore(undefined), INITIAL);
  assert.deepEqual(restore('garbage'), INITIAL);
});
