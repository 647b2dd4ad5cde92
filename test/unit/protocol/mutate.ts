// Mutations of valid messages whose verdict is known without asking the validator: a message with a field
// removed, a field added, its type renamed, or any value (at any depth) replaced by a value of another kind must
// be refused — except `null` where the test says the field is nullable. Used by the protocol tests of both pages.
import type { Schema } from '../../../src/protocol/schema';
import { Rng } from '../../../src/shared/rng';

type Path = (string | number)[];

/** The kind of a value, as the validators tell values apart. */
export function kindOf(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (ArrayBuffer.isView(v)) return v.constructor.name;
  return typeof v;
}

/** Values of every kind, to put where a value of another kind belongs. */
export const ATOMS: unknown[] = [null, 0, 3, -1, 1.5, 'spread', '', true, [], [1, 2], {}, { type: 'ready' }, new Uint8Array(2), new Float32Array(2), new Int32Array(2)];

/** Every path into `v` (fields of objects, the first element of arrays; typed arrays and `opaque` paths are leaves). */
export function pathsOf(v: unknown, at: Path = [], opaque: string[] = []): Path[] {
  if (opaque.includes(at.join('.'))) return [];
  if (Array.isArray(v)) return v.length ? [[...at, 0], ...pathsOf(v[0], [...at, 0], opaque)] : [];
  if (typeof v !== 'object' || v === null || ArrayBuffer.isView(v)) return [];
  return Object.entries(v).flatMap(([k, x]) => [[...at, k], ...pathsOf(x, [...at, k], opaque)]);
}

export function getAt(v: unknown, path: Path): unknown {
  return path.reduce<unknown>((o, k) => (o as Record<string | number, unknown>)[k], v);
}

/** A deep copy of `v` with the value at `path` replaced (or deleted, for `undefined` with `remove`). */
export function setAt(v: unknown, path: Path, value: unknown, remove = false): unknown {
  if (path.length === 0) return value;
  const [k, ...rest] = path;
  const copy = (Array.isArray(v) ? [...v] : { ...(v as object) }) as Record<string | number, unknown>;
  if (remove && rest.length === 0) delete copy[k];
  else copy[k] = setAt(copy[k], rest, value, remove);
  return copy;
}

/**
 * A valid message and what the declaration allows in it: `nullable` paths (joined by '.', array indices as 0)
 * where null is valid, `optional` fields that may be absent (paths as for nullable), `opaque` values checked as a whole by a
 * rule of their own (not recursed into).
 */
export interface Example {
  valid: Record<string, unknown>;
  nullable?: string[];
  optional?: string[];
  opaque?: string[];
}

export interface Mutation {
  what: string;
  message: unknown;
}

/** The mutations of one valid message that must all be refused. */
export function refusedMutations(o: Example): Mutation[] {
  const valid = o.valid;
  const out: Mutation[] = [];
  const key = (p: Path) => p.join('.');
  for (const path of pathsOf(valid, [], o.opaque)) {
    if (path[0] === 'type') continue;
    const current = getAt(valid, path);
    for (const atom of ATOMS) {
      if (kindOf(atom) === kindOf(current)) continue;
      if (atom === null && o.nullable?.includes(key(path))) continue;
      out.push({ what: `${key(path)} := ${kindOf(atom)}`, message: setAt(valid, path, atom) });
    }
    // a plain list where a typed array belongs is refused too (the host sends typed arrays as such)
    if (ArrayBuffer.isView(current)) out.push({ what: `${key(path)} as a plain array`, message: setAt(valid, path, Array.from(current as unknown as ArrayLike<number>)) });
    if (current instanceof Float32Array && current.length) out.push({ what: `${key(path)}[0] := NaN`, message: setAt(valid, path, Float32Array.from(current, (x, i) => (i ? x : NaN))) });
    const parent = getAt(valid, path.slice(0, -1));
    if (!Array.isArray(parent) && !o.optional?.includes(key(path))) {
      out.push({ what: `without ${key(path)}`, message: setAt(valid, path, undefined, true) });
    }
  }
  for (const obj of [[] as Path, ...pathsOf(valid, [], o.opaque).filter((p) => kindOf(getAt(valid, p)) === 'object' && !o.opaque?.includes(key(p)))]) {
    out.push({ what: `${key(obj) || 'message'} with an extra field`, message: setAt(valid, [...obj, 'extra'], 1) });
  }
  out.push({ what: 'type renamed', message: { ...valid, type: `${String(valid.type)}X` } });
  out.push({ what: 'type in capitals', message: { ...valid, type: String(valid.type).toUpperCase() } });
  out.push({ what: 'not an object', message: [valid] });
  return out;
}

/**
 * `n` random compositions of 1–3 refused mutations of random valid messages: each must still be refused (a
 * refused mutation is not repaired by changing other values to kinds they never validly have).
 */
export function fuzzRefused(examples: Example[], n: number, seed: number): Mutation[] {
  const rng = new Rng(seed);
  const pick = <T>(a: T[]) => a[Math.floor(rng.next() * a.length)];
  const out: Mutation[] = [];
  for (let i = 0; i < n; i++) {
    const ex = pick(examples);
    let m = pick(refusedMutations(ex));
    const extra = Math.floor(rng.next() * 3);
    for (let k = 0; k < extra && typeof m.message === 'object' && m.message !== null && !Array.isArray(m.message); k++) {
      const more = pick(pathsOf(m.message, [], ex.opaque).filter((p) => p[0] !== 'type'));
      if (!more) break;
      // never the kind the valid message has there: that could repair the first mutation
      const validKind = pathsOf(ex.valid, [], ex.opaque).some((p) => p.join('.') === more.join('.')) ? kindOf(getAt(ex.valid, more)) : null;
      const atom = pick(ATOMS.filter((a) => a !== null && kindOf(a) !== kindOf(getAt(m.message, more)) && kindOf(a) !== validKind));
      m = { what: `${m.what}, ${more.join('.')} := ${kindOf(atom)}`, message: setAt(m.message, more, atom) };
    }
    out.push(m);
  }
  return out;
}

/** Asserts precise outcomes: every valid example accepted, every mutation refused, and never a throw. */
export function outcomes(schema: Schema<unknown>, valid: unknown[], refused: Mutation[]): { accepted: string[]; wronglyAccepted: string[] } {
  const accepted = valid.map((v) => schema.check(v, 'message')).filter((p): p is string => p !== null);
  const wronglyAccepted = refused.filter((m) => schema.check(m.message, 'message') === null).map((m) => m.what);
  return { accepted, wronglyAccepted };
}
