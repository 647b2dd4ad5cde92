// The side view's protocol, both directions, with the same mutations as the model panel's (see mutate.ts): every
// declared type accepted as given, refused after each breaking mutation, plus its ranges.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Schema } from '../../../src/protocol/schema';
import { hostToSide, sideToHost } from '../../../src/protocol/sideView';
import { hostToSideExamples, model, sideToHostExamples } from './examples';
import { fuzzRefused, outcomes, refusedMutations, setAt, type Example } from './mutate';

const channels = [
  { name: 'host → side view', schema: hostToSide as Schema<unknown> & { types: string[] }, examples: hostToSideExamples as Record<string, Example> },
  { name: 'side view → host', schema: sideToHost as Schema<unknown> & { types: string[] }, examples: sideToHostExamples as Record<string, Example> },
];

for (const { name, schema, examples } of channels) {
  test(`${name}: every declared type accepted as given, refused after each mutation and in a 2 000-message fuzz`, () => {
    assert.deepEqual(Object.keys(examples).sort(), [...schema.types].sort());
    const all = Object.values(examples);
    const perType = all.flatMap((ex) => refusedMutations(ex));
    const fuzz = fuzzRefused(all, 2000, 7);
    const { accepted, wronglyAccepted } = outcomes(schema, all.map((e) => e.valid), [...perType, ...fuzz]);
    assert.deepEqual(accepted, []);
    assert.deepEqual(wronglyAccepted, []);
  });
}

test('the side view may open only an index of the list, and the pad needs a usable model', () => {
  const side = sideToHost as Schema<unknown>;
  for (const index of [-1, 0.5, 100_000, NaN]) assert.notEqual(side.check({ type: 'openModel', index }, 'm'), null, `index ${index}`);
  assert.equal(side.check({ type: 'openModel', index: 99_999 }, 'm'), null);
  for (const bad of [{ type: 'Sample' }, { type: 'sample', count: 3 }, { type: 'runCommand', id: 'x' }, { type: 'toString' }]) assert.notEqual(side.check(bad, 'm'), null, JSON.stringify(bad));
  const host = hostToSide as Schema<unknown>;
  const pad = hostToSideExamples.pad.valid;
  assert.notEqual(host.check(setAt(pad, ['model'], { ...model, latentDim: 5000 }), 'm'), null, 'more latents than a model here has');
  assert.notEqual(host.check(setAt(pad, ['model'], { ...model, inputShape: [0, 2, 1] }), 'm'), null, 'a zero-height input');
  assert.notEqual(host.check(setAt(hostToSideExamples.state.valid, ['models', 0, 'status'], 'deleted'), 'm'), null, 'an unknown status');
});
