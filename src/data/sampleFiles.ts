// A limit on a folder takes a random sample of its files, not the first ones: folders are listed sorted, by
// class, so "the first 5 000" of a labelled folder would be its first classes only. Seeded: the same folder and
// limit give the same sample.

/** `files` in a seeded random order when `limit` is below their number; unchanged otherwise. */
export function sampleOrder<T>(files: T[], limit: number, seed = 1): T[] {
  if (!(limit < files.length)) return files;
  const out = files.slice();
  let s = seed >>> 0 || 1;
  // mulberry32: small, fast, good enough to shuffle a file list
  const next = () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}
