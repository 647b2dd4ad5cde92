// The declaration helpers every channel's validators are built from (src/protocol/schema.ts).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { guard, messageUnion, s, type Infer, type MessageOf } from '../../../src/protocol/schema';

const ok = (sch: { check(v: unknown, p: string): string | null }, v: unknown) => assert.equal(sch.check(v, 'v'), null, `accepts ${String(v)}`);
const no = (sch: { check(v: unknown, p: string): string | null }, v: unknown, problem?: RegExp) => {
  const p = sch.check(v, 'v');
  assert.notEqual(p, null, `refuses ${String(v)}`);
  if (problem) assert.match(p!, problem);
};

test('numbers: finite, integer and range rules', () => {
  for (const v of [NaN, Infinity, -Infinity, '1', null, undefined, [1], 1n]) no(s.number(), v);
  ok(s.number(), -1.5);
  no(s.number({ integer: true }), 1.5, /integer/);
  no(s.number({ min: 0 }), -0.1, /≥ 0/);
  no(s.number({ max: 10 }), 10.5, /≤ 10/);
  ok(s.number({ integer: true, min: 0, max: 10 }), 10);
});

test('strings, names and booleans', () => {
  ok(s.string(), '');
  no(s.string(3), 'abcd', /longer than 3/);
  no(s.string(), 3);
  const order = s.oneOf('spread', 'worst');
  ok(order, 'worst');
  for (const v of ['best', 'Worst', '', null, ['worst']]) no(order, v);
  ok(s.boolean(), false);
  no(s.boolean(), 0);
});

test('arrays, tuples, objects: lengths, exact fields, optional and nullable', () => {
  no(s.array(s.number(), 2), [1, 2, 3], /3 items/);
  no(s.array(s.number(), 5), [1, 'x'], /v\[1\]/);
  no(s.array(s.number(), 5), new Float32Array(2), /array/);
  ok(s.tuple(s.number(), s.string()), [1, 'a']);
  no(s.tuple(s.number(), s.string()), [1, 'a', 2]);
  no(s.tuple(s.number(), s.string()), ['a', 1]);
  const o = s.object({ a: s.number(), b: s.optional(s.string()), c: s.nullable(s.number()) });
  ok(o, { a: 1, c: null });
  ok(o, { a: 1, b: 'x', c: 2 });
  ok(o, { a: 1, b: undefined, c: 2 });
  no(o, { a: 1 }, /v\.c is missing/);
  no(o, { a: 1, c: 2, d: 0 }, /unexpected field "d"/);
  no(o, { a: 1, b: 3, c: 2 }, /v\.b must be a string/);
  for (const v of [null, [], new Uint8Array(1), 'x']) no(o, v, /must be an object/);
  no(o, Object.create({ a: 1, c: 2 }), /missing/);
});

test('typed arrays: the exact kind, a size cap, finite floats', () => {
  const bytes = s.typedArray('Uint8Array', 4);
  ok(bytes, new Uint8Array(4));
  no(bytes, new Uint8Array(5), /5 values, more than 4/);
  no(bytes, new Uint8ClampedArray(2), /Uint8Array/);
  no(bytes, [1, 2], /Uint8Array, not an array/);
  no(bytes, new Uint8Array(4).buffer);
  const floats = s.typedArray('Float32Array', 10);
  ok(floats, Float32Array.of(1, -2));
  no(floats, Float32Array.of(1, NaN), /v\[1\] is not finite/);
  no(floats, new Float64Array(2));
  ok(s.typedArray('Int32Array', 2), Int32Array.of(-1, 7));
});

test('refine adds a rule after the shape; unchecked accepts anything', () => {
  const pair = s.refine(s.object({ n: s.number(), xs: s.array(s.number(), 10) }), (v) => (v.xs.length === v.n ? null : 'xs must have n items'));
  ok(pair, { n: 2, xs: [1, 2] });
  no(pair, { n: 3, xs: [1, 2] }, /n items/);
  no(pair, { n: 'x', xs: [] }, /finite number/);
  ok(s.unchecked(), Symbol('anything'));
});

test('message unions: the type picks the shape, unknown and inherited names are refused, types listed in order', () => {
  const shapes = { hello: { name: s.string() }, bye: {} };
  const u = messageUnion(shapes);
  assert.deepEqual(u.types, ['hello', 'bye']);
  ok(u, { type: 'hello', name: 'x' });
  ok(u, { type: 'bye' });
  no(u, { type: 'bye', name: 'x' }, /unexpected field/);
  no(u, { type: 'hello' }, /name is missing/);
  for (const type of ['Hello', 'constructor', '__proto__', 'toString', 1, undefined]) no(u, { type }, /not a known message/);
  no(u, [{ type: 'bye' }]);
  const isMsg = guard(u);
  const m: unknown = { type: 'hello', name: 'a' };
  assert.equal(isMsg(m), true);
  if (isMsg(m) && m.type === 'hello') assert.equal(m.name, 'a');
  // the derived type: a compile-time check that Infer and MessageOf give the declared shapes
  const hello: MessageOf<typeof shapes> = { type: 'hello', name: 'z' };
  const n: Infer<ReturnType<typeof s.number>> = 3;
  assert.equal(hello.type, 'hello');
  assert.equal(n, 3);
});
