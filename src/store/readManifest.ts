// Reading and validating manifest.json alone, without the engine: what the extension host needs to show a model.
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { UserError } from '../shared/userError';
import { jsonDepth } from './jsonDepth';
import { MANIFEST_FILE, MAX_MANIFEST_BYTES, validateManifest, type Manifest } from './manifest';

/** Real manifests nest 6 levels (epochs → metrics → klPerDim); room to grow, far from a stack overflow. */
const MAX_MANIFEST_DEPTH = 32;

export async function readManifestFile(dir: string): Promise<Manifest> {
  const file = join(dir, MANIFEST_FILE);
  const info = await stat(file).catch(() => null);
  if (!info) throw new UserError(`${dir} is not a Latent Explorer model: ${MANIFEST_FILE} is missing.`);
  if (info.size > MAX_MANIFEST_BYTES) throw new UserError(`${file} is ${info.size} bytes, more than a manifest can be (${MAX_MANIFEST_BYTES}); refusing to read it.`);
  const text = await readFile(file, 'utf8');
  const depth = jsonDepth(text);
  if (depth > MAX_MANIFEST_DEPTH) throw new UserError(`${file} nests ${depth} levels deep; a manifest has at most ${MAX_MANIFEST_DEPTH}: refusing to read it.`);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new UserError(`${file} is not valid JSON: ${(err as Error).message}`);
  }
  return validateManifest(json, file);
}

