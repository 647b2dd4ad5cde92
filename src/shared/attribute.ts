// Attribute vectors: the direction from one label's centroid of μ to another's (e.g. Sandal → Sneaker), added to
// an image's code with a strength. The seed guide's "linear operations on latent vectors" for image editing.

/** v = c_to − c_from, the difference of two label centroids of μ. */
export function attributeVector(centroids: readonly (readonly number[])[], from: number, to: number): number[] {
  const a = centroids[from];
  const b = centroids[to];
  if (!a || !b || a.length !== b.length) throw new RangeError(`no centroids for labels ${from} and ${to}`);
  return b.map((v, j) => v - a[j]);
}

/** z' = z + s·v: the code moved by `strength` times the attribute vector. */
export function applyAttribute(code: readonly number[], vector: readonly number[] | null, strength: number): number[] {
  if (!vector || strength === 0) return [...code];
  return code.map((v, j) => v + strength * vector[j]);
}
