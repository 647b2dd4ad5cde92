// Size limits and shape checks shared by the messages that carry images (panel, side view, job replies).
import { s, type Schema } from './schema';

/** The largest image side a model here takes (see the config validator): 1024 × 1024 × 3 values at most. */
export const MAX_SIDE = 1024;
export const MAX_IMAGE = MAX_SIDE * MAX_SIDE * 3;
/** The most images one message carries (a preview, the latent map's thumbnails, neighbours). */
export const MAX_IMAGES = 100_000;
/** The most latent dimensions a model here has. */
export const MAX_LATENTS = 4096;

export const side = (): Schema<number> => s.number({ integer: true, min: 1, max: MAX_SIDE });
export const channels = (): Schema<1 | 3> => s.oneOf(1, 3);
export const count = (max = MAX_IMAGES): Schema<number> => s.number({ integer: true, min: 0, max });
/** Uint8 pixels, N·H·W·C. The cap only bounds the kind check; each message's rule checks the exact length (pixelsFit). */
export const pixels = (): Schema<Uint8Array> => s.typedArray('Uint8Array', 2 ** 31 - 1);
export const latentVector = (): Schema<number[]> => s.array(s.number(), MAX_LATENTS);

/** null when `array` holds exactly `n` images of height·width·channels, else the problem. */
export function pixelsFit(field: string, array: ArrayLike<number>, n: number, m: { height: number; width: number; channels: number }): string | null {
  const want = n * m.height * m.width * m.channels;
  return array.length === want ? null : `${field} has ${array.length} values, expected ${n}·${m.height}·${m.width}·${m.channels} = ${want}`;
}
