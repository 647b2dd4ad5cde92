// The model panel's protocol, both directions: every declared message type (the list comes from the
// declaration) is accepted as given and refused after each mutation that breaks it — a removed or extra field,
// a renamed type, a value of the wrong kind at any depth, a plain array where a typed array belongs — plus the
// range and cross-field rules one by one, and a seeded fuzz of combined mutations with an exact count.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { serve, type Replies } from '../../../src/protocol/envelope';
import { MAX_IMAGE } from '../../../src/protocol/images';
import type { Schema } from '../../../src/protocol/schema';
import { hostToPage, pageToHost, type PageToHost } from '../../../src/protocol/webview';
import { hostToPageExamples, pageToHostExamples } from './examples';
import { fuzzRefused, outcomes, refusedMutations, setAt, type Example } from './mutate';

const channels = [
  { name: 'host → page', schema: hostToPage, examples: hostToPageExamples as Record<string, Example> },
  { name: 'page → host', schema: pageToHost, examples: pageToHostExamples as Record<string, Example> },
];

for (const { name, schema, examples } of channels) {
  test(`${name}: every declared message type has an example, accepted as it is`, () => {
    assert.deepEqual(Object.keys(examples).sort(), [...schema.types].sort());
    for (const [type, ex] of Object.entries(examples)) assert.equal(schema.check(ex.valid, 'message'), null, type);
  });

  test(`${name}: each structural mutation of each message type is refused`, () => {
    for (const [type, ex] of Object.entries(examples)) {
      const mutations = refusedMutations(ex);
      assert.ok(mutations.length >= 4, `${type}: ${mutations.length} mutations`);
      const { wronglyAccepted } = outcomes(schema as Schema<unknown>, [], mutations);
      assert.deepEqual(wronglyAccepted, [], `${type}: accepted after a mutation`);
    }
  });

  test(`${name}: fuzz — 5 000 combined mutations over all types, every one refused, no throw`, () => {
    const all = Object.values(examples);
    const mutations = fuzzRefused(all, 5000, 42);
    const types = new Set(mutations.map((m) => (m.message as { type?: string } | null)?.type));
    for (const t of schema.types) assert.ok(types.has(t), `the fuzz reaches ${t}`);
    const { accepted, wronglyAccepted } = outcomes(schema as Schema<unknown>, all.map((e) => e.valid), mutations);
    assert.deepEqual(accepted, [], 'every valid example is accepted');
    assert.deepEqual(wronglyAccepted, []);
  });
}

const refuse = (schema: Schema<unknown>, m: unknown, why: string) => assert.notEqual(schema.check(m, 'message'), null, why);
const accept = (schema: Schema<unknown>, m: unknown, why: string) => assert.equal(schema.check(m, 'message'), null, why);

test('page → host: ranges, sizes, names and cross-field rules', () => {
  const p = pageToHost as Schema<unknown>;
  const ex = pageToHostExamples;
  for (const index of [-1, 1.5, 1e6, 1e12, NaN, Infinity]) refuse(p, { type: 'openSource', index }, `index ${index}`);
  accept(p, { type: 'openSource', index: 0 }, 'index 0');
  accept(p, { type: 'openSource', index: 999_999 }, 'the largest index');
  refuse(p, { type: 'requestPreview', order: 'best' }, 'an unknown order');
  refuse(p, { type: 'requestLatentMap', method: 'tsne' }, 'an unknown projection');
  for (const remedy of ['constructor', 'freebits', '__proto__']) refuse(p, { type: 'retrain', remedy }, remedy);
  refuse(p, { type: 'saveImage', pixels: new Uint8Array(0) }, 'an empty image');
  refuse(p, { type: 'saveImage', pixels: new Uint8Array(MAX_IMAGE + 1) }, 'an image over 1024×1024×3');
  accept(p, { type: 'saveImage', pixels: new Uint8Array(MAX_IMAGE) }, 'a 1024×1024×3 image');
  refuse(p, { type: 'saveImage', pixels: new Uint8ClampedArray(3) }, 'another kind of typed array');
  const sheet = ex.exportPng.valid.sheet;
  refuse(p, setAt(ex.exportPng.valid, ['sheet', 'height'], 2), 'pixels ≠ width·height·channels');
  refuse(p, setAt(ex.exportPng.valid, ['sheet'], { ...sheet, width: 0, pixels: new Uint8Array(0) }), 'width 0');
  refuse(p, setAt(ex.exportPng.valid, ['sheet'], { ...sheet, width: 5000, pixels: new Uint8Array(5000) }), 'wider than 4096');
  refuse(p, setAt(ex.exportPng.valid, ['sheet', 'channels'], 2), 'two channels');
  refuse(p, setAt(ex.exportPng.valid, ['sheet', 'kind'], '../x'), 'a kind that is not samples or interpolation');
  for (const type of ['__proto__', 'constructor', 'toString', 'hasOwnProperty']) refuse(p, { type }, type);
  refuse(p, Object.create({ type: 'ready' }), 'an inherited type');
  for (const v of [null, undefined, 42, 'ready', [], [{ type: 'ready' }], {}]) refuse(p, v, String(v));
});

test('host → page: cross-field rules and the checks on the engine’s configurations', () => {
  const h = hostToPage as Schema<unknown>;
  const ex = hostToPageExamples;
  refuse(h, setAt(ex.preview.valid, ['preview', 'count'], 3), 'a count that does not match the pixels');
  refuse(h, setAt(ex.preview.valid, ['preview', 'errors'], [1]), 'one error for two images');
  refuse(h, setAt(ex.preview.valid, ['preview', 'channels'], 2), 'two channels');
  refuse(h, setAt(ex.preview.valid, ['preview', 'height'], 2000), 'an image taller than 1024');
  refuse(h, setAt(ex.encoded.valid, ['encoding', 'logvar'], [0]), 'mu and logvar of different lengths');
  refuse(h, setAt(ex.encoded.valid, ['encoding', 'percentile'], 101), 'a percentile over 100');
  refuse(h, setAt(ex.encoded.valid, ['encoding', 'neighbourPixels'], new Uint8Array(24)), 'pixels for two neighbours, one listed');
  refuse(h, setAt(ex.latentMap.valid, ['map', 'labels'], Int32Array.of(0, 2)), 'a label without a name');
  refuse(h, setAt(ex.latentMap.valid, ['map', 'points'], Float32Array.of(0, 1)), 'one point for two images');
  refuse(h, setAt(ex.latentMap.valid, ['map', 'sources'], ['a.png']), 'one file name for two images');
  refuse(h, setAt(ex.latentMap.valid, ['map', 'components'], [[1], [0, 1]]), 'a component shorter than the mean');
  refuse(h, setAt(ex.mapImages.valid, ['images', 'pixels'], new Uint8Array(4)), 'pixels for one image, two asked');
  refuse(h, setAt(ex.mapImages.valid, ['images', 'codes'], Float32Array.of(1, 2, 3)), 'codes that do not split into two images');
  refuse(h, setAt(ex.latentMap.valid, ['map', 'points'], Float32Array.of(0, 1, Infinity, 3)), 'a point at infinity');
  refuse(h, setAt(ex.interpolatePair.valid, ['pair', 'pixels'], new Uint8Array(4)), 'one image where a pair belongs');
  refuse(h, setAt(ex.status.valid, ['status'], 'running'), 'an unknown status');
  accept(h, { type: 'status', status: 'completed' }, 'a status without a message');
  const withModel = (m: unknown) => setAt(ex.model.valid, ['summary', 'model'], m);
  const model = ex.model.valid.summary.model;
  refuse(h, withModel({ ...model, inputShape: [2, 2, 2] }), 'two channels');
  refuse(h, withModel({ ...model, inputShape: [2, 2] }), 'a shape of two');
  refuse(h, withModel({ ...model, latentDim: 0 }), 'no latent dimension');
  refuse(h, withModel({ ...model, kind: 7 }), 'a kind that is not a name');
  accept(h, withModel({ ...model, kind: 'conv-vae', channels: [8, 16] }), 'a new variant’s own fields pass through');
  const withTraining = (t: unknown) => setAt(ex.model.valid, ['summary', 'training'], t);
  const training = ex.model.valid.summary.training;
  refuse(h, withTraining({ ...training, beta: NaN }), 'β = NaN');
  refuse(h, withTraining({ ...training, epochs: '3' }), 'epochs as text');
  refuse(h, withTraining({ ...training, freeBits: Infinity }), 'infinite free bits');
});

test('the host serves the page with one dispatcher: envelopes only, messages checked, one handler per type', async () => {
  const seen: PageToHost['type'][] = [];
  const refused: string[] = [];
  const handlers = Object.fromEntries(pageToHost.types.map((t) => [t, () => void seen.push(t)]));
  const receive = serve<PageToHost, Replies<PageToHost>>(handlers as never, () => undefined, {
    messages: pageToHost,
    onInvalid: (p) => refused.push(p),
    toFailure: (e) => ({ message: String(e), userError: false }),
  });
  receive({ type: 'ready' });
  receive({ kind: 'notify', message: { type: 'saveImage', pixels: [1, 2] } });
  receive({ kind: 'notify', message: { type: 'constructor' } });
  for (const ex of Object.values(pageToHostExamples)) receive({ kind: 'notify', message: ex.valid });
  await new Promise((r) => setImmediate(r));
  assert.deepEqual(seen, pageToHost.types, 'each valid message reaches its own handler, once');
  assert.equal(refused.length, 3);
  assert.match(refused[0], /envelope|kind/);
  assert.match(refused[1], /pixels must be a Uint8Array/);
  assert.match(refused[2], /not a known message/);
});
