// Reading an export's latent-explorer.json back: `import` takes its likelihood, layout, decoder output and scale as
// the defaults for files that sit beside it, so a model exported by us imports with no flags. A sidecar that is not
// ours (another format name) or not JSON is ignored: the flags and their defaults stand, as for any ONNX pair.
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { ExportSidecar } from './vaeGraphs';

export const SIDECAR_FILE = 'latent-explorer.json';

/** What an import takes from the sidecar next to `encoderPath`, or null when there is none of ours. */
export async function importDefaultsBeside(encoderPath: string): Promise<Pick<ExportSidecar, 'likelihood' | 'layout' | 'decoderOutput'> & { scale?: number } | null> {
  const text = await readFile(join(dirname(encoderPath), SIDECAR_FILE), 'utf8').catch(() => null);
  if (text === null || text.length > 1 << 20) return null;
  let s: Partial<ExportSidecar>;
  try {
    s = JSON.parse(text) as Partial<ExportSidecar>;
  } catch {
    return null;
  }
  if (s?.format !== 'latent-explorer-onnx' || !s.likelihood || !s.layout || !s.decoderOutput) return null;
  return { likelihood: s.likelihood, layout: s.layout, decoderOutput: s.decoderOutput, ...(typeof s.decoderScale === 'number' ? { scale: s.decoderScale } : {}) };
}
