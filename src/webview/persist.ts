// VS Code keeps a webview's state (setState) as JSON, so typed arrays would come back as plain objects keyed by
// index. The page's state goes through these two functions: typed arrays are stored as tagged number lists and
// rebuilt on restore.
const KINDS = { Uint8Array, Float32Array, Int32Array } as const;
type Kind = keyof typeof KINDS;

interface Tagged {
  typedArray: Kind;
  values: number[];
}

const isTagged = (v: unknown): v is Tagged =>
  typeof v === 'object' && v !== null && Object.keys(v).length === 2 && Object.hasOwn(KINDS, (v as Tagged).typedArray) && Array.isArray((v as Tagged).values);

/** A JSON-safe copy of `value`: typed arrays become { typedArray, values }. */
export function toJsonSafe(value: unknown): unknown {
  if (ArrayBuffer.isView(value) && Object.hasOwn(KINDS, value.constructor.name)) {
    return { typedArray: value.constructor.name, values: Array.from(value as unknown as ArrayLike<number>) };
  }
  if (Array.isArray(value)) return value.map(toJsonSafe);
  if (typeof value === 'object' && value !== null) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toJsonSafe(v)]));
  return value;
}

/** The inverse of toJsonSafe. */
export function fromJsonSafe(value: unknown): unknown {
  if (isTagged(value)) return KINDS[value.typedArray].from(value.values);
  if (Array.isArray(value)) return value.map(fromJsonSafe);
  if (typeof value === 'object' && value !== null) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, fromJsonSafe(v)]));
  return value;
}
