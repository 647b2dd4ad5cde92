// Reading and validating manifest.json alone, without the engine: what the extension host needs to show a model.
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { UserError } from '../userError';
import { MANIFEST_FILE, MAX_MANIFEST_BYTES, validateManifest, type Manifest } from './manifest';

export async function readManifestFile(dir: string): Promise<Manifest> {
  const file = join(dir, MANIFEST_FILE);
  const info = await stat(file).catch(() => null);
  if (!info) throw new UserError(`${dir} is not a Latent Explorer model: ${MANIFEST_FILE} is missing.`);
  if (info.size > MAX_MANIFEST_BYTES) throw new UserError(`${file} is ${info.size} bytes, more than a manifest can be (${MAX_MANIFEST_BYTES}); refusing to read it.`);
  let json: unknown;
  try {
    json = JSON.parse(await readFile(file, 'utf8'));
  } catch (err) {
    throw new UserError(`${file} is not valid JSON: ${(err as Error).message}`);
  }
  return validateManifest(json, file);
}

