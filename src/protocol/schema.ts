// Message declarations that are both a TypeScript type and a validator: each union is declared once, as data,
// and its type (Infer<…>) and its `is…` check are derived from that one declaration — no hand-kept lists of
// names or keys to fall out of step. Validation is strict: unknown keys, wrong types, out-of-range numbers,
// oversized arrays and non-finite floats are refused, because the webview is a browser context the host does not
// trust (and the host's own messages are checked by the page too, so a bug shows as a refusal, not as a NaN).

/** A declaration of a value of type T: `check` returns null when the value fits, else the first problem. */
export interface Schema<T> {
  check(v: unknown, path: string): string | null;
  /** Phantom: carries T for Infer<>; never set. */
  readonly _type?: T;
}

export type Infer<S> = S extends Schema<infer T> ? T : never;

type Shape = Record<string, Schema<unknown>>;
type Optional<T> = Schema<T> & { optional: true };
type OptionalKeys<S extends Shape> = { [K in keyof S]: S[K] extends { optional: true } ? K : never }[keyof S];
type RequiredKeys<S extends Shape> = Exclude<keyof S, OptionalKeys<S>>;
type Simplify<T> = { [K in keyof T]: T[K] } & {};
export type InferShape<S extends Shape> = Simplify<{ [K in RequiredKeys<S>]: Infer<S[K]> } & { [K in OptionalKeys<S>]?: Infer<S[K]> }>;

const schema = <T>(check: (v: unknown, path: string) => string | null): Schema<T> => ({ check });
const describe = (v: unknown): string => (v === null ? 'null' : Array.isArray(v) ? 'an array' : ArrayBuffer.isView(v) ? v.constructor.name : typeof v);

interface NumberOptions {
  min?: number;
  max?: number;
  integer?: boolean;
}

function number(o: NumberOptions = {}): Schema<number> {
  return schema((v, p) => {
    if (typeof v !== 'number' || !Number.isFinite(v)) return `${p} must be a finite number, not ${typeof v === 'number' ? v : describe(v)}`;
    if (o.integer && !Number.isInteger(v)) return `${p} must be an integer, not ${v}`;
    if (o.min !== undefined && v < o.min) return `${p} must be ≥ ${o.min}, not ${v}`;
    if (o.max !== undefined && v > o.max) return `${p} must be ≤ ${o.max}, not ${v}`;
    return null;
  });
}

function string(maxLength = 10_000): Schema<string> {
  return schema((v, p) => (typeof v !== 'string' ? `${p} must be a string, not ${describe(v)}` : v.length > maxLength ? `${p} is longer than ${maxLength} characters` : null));
}

function oneOf<const L extends readonly (string | number | boolean)[]>(...values: L): Schema<L[number]> {
  return schema((v, p) => ((values as readonly unknown[]).includes(v) ? null : `${p} must be one of ${values.map((x) => JSON.stringify(x)).join(', ')}`));
}

function array<T>(item: Schema<T>, maxLength: number): Schema<T[]> {
  return schema((v, p) => {
    if (!Array.isArray(v)) return `${p} must be an array, not ${describe(v)}`;
    if (v.length > maxLength) return `${p} has ${v.length} items, more than ${maxLength}`;
    for (let i = 0; i < v.length; i++) {
      const problem = item.check(v[i], `${p}[${i}]`);
      if (problem) return problem;
    }
    return null;
  });
}

function tuple<const T extends readonly Schema<unknown>[]>(...items: T): Schema<{ -readonly [K in keyof T]: Infer<T[K]> }> {
  return schema((v, p) => {
    if (!Array.isArray(v) || v.length !== items.length) return `${p} must be an array of ${items.length}`;
    for (let i = 0; i < items.length; i++) {
      const problem = items[i].check(v[i], `${p}[${i}]`);
      if (problem) return problem;
    }
    return null;
  });
}

/** An object with exactly these keys (optional ones may be absent), nothing else. */
function object<S extends Shape>(shape: S): Schema<InferShape<S>> {
  return schema((v, p) => {
    if (typeof v !== 'object' || v === null || Array.isArray(v) || ArrayBuffer.isView(v)) return `${p} must be an object, not ${describe(v)}`;
    const o = v as Record<string, unknown>;
    for (const k of Object.keys(o)) if (!Object.hasOwn(shape, k)) return `${p} has an unexpected field "${k}"`;
    for (const [k, s] of Object.entries(shape)) {
      if (!Object.hasOwn(o, k) || o[k] === undefined) {
        if ((s as { optional?: boolean }).optional) continue;
        return `${p}.${k} is missing`;
      }
      const problem = s.check(o[k], `${p}.${k}`);
      if (problem) return problem;
    }
    return null;
  });
}

function optional<T>(s: Schema<T>): Optional<T> {
  return { check: (v, p) => (v === undefined ? null : s.check(v, p)), optional: true };
}

function nullable<T>(s: Schema<T>): Schema<T | null> {
  return schema((v, p) => (v === null ? null : s.check(v, p)));
}

type TypedArrayName = 'Uint8Array' | 'Float32Array' | 'Int32Array';
type TypedArrayOf<N extends TypedArrayName> = N extends 'Uint8Array' ? Uint8Array : N extends 'Float32Array' ? Float32Array : Int32Array;

/** A typed array of this kind (webviews and the job's IPC carry them as such), at most maxLength values; floats finite. */
function typedArray<N extends TypedArrayName>(name: N, maxLength: number): Schema<TypedArrayOf<N>> {
  return schema((v, p) => {
    if (!ArrayBuffer.isView(v) || v.constructor.name !== name) return `${p} must be a ${name}, not ${describe(v)}`;
    const a = v as unknown as ArrayLike<number>;
    if (a.length > maxLength) return `${p} has ${a.length} values, more than ${maxLength}`;
    if (name === 'Float32Array') for (let i = 0; i < a.length; i++) if (!Number.isFinite(a[i])) return `${p}[${i}] is not finite`;
    return null;
  });
}

/** Anything: for values only our own code produces and the receiver does not need to trust (e.g. an error's stack). */
function unchecked<T>(): Schema<T> {
  return schema(() => null);
}

/** A value checked by a hand-written predicate (for a few cross-field rules such as "pixels = w·h·c"). */
function refine<T>(s: Schema<T>, rule: (v: T) => string | null): Schema<T> {
  return schema((v, p) => s.check(v, p) ?? rule(v as T));
}

export const s = { number, string, oneOf, array, tuple, object, optional, nullable, typedArray, unchecked, refine, boolean: () => oneOf(true, false) };

/** A union of messages, one shape per `type`, declared as { typeName: { field: schema, … } }. */
export type MessageShapes = Record<string, Shape>;
export type MessageOf<M extends MessageShapes> = { [K in keyof M & string]: Simplify<{ type: K } & InferShape<M[K]>> }[keyof M & string];

/** The union's validator: the message's `type` picks its shape; the shape must fit exactly. */
export function messageUnion<M extends MessageShapes>(shapes: M): Schema<MessageOf<M>> & { types: (keyof M & string)[] } {
  const bodies = Object.fromEntries(Object.entries(shapes).map(([k, shape]) => [k, object({ type: oneOf(k), ...shape })]));
  return {
    types: Object.keys(shapes),
    check(v, p) {
      if (typeof v !== 'object' || v === null || Array.isArray(v)) return `${p} must be an object, not ${describe(v)}`;
      const t = (v as { type?: unknown }).type;
      if (typeof t !== 'string' || !Object.hasOwn(bodies, t)) return `${p}.type ${JSON.stringify(t)} is not a known message`;
      return bodies[t].check(v, p);
    },
  };
}

/** `is(x)` for a schema, as a type guard. */
export function guard<T>(sch: Schema<T>): (v: unknown) => v is T {
  return (v: unknown): v is T => sch.check(v, 'message') === null;
}
