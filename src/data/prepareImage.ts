// One image file made ready for a model's input: decoded, resized by area averaging, channel-converted.
import { readFile } from 'node:fs/promises';
import { UserError } from '../shared/userError';
import { decodeImage, ImageError } from './decodeImage';
import { convertChannels, resizeArea } from './resize';

export async function prepareImageFile(path: string, target: { height: number; width: number; channels: 1 | 3 }): Promise<Uint8Array> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path);
  } catch (err) {
    throw new UserError(`Cannot read image ${path}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`);
  }
  try {
    const img = decodeImage(bytes);
    return convertChannels(resizeArea(img, target.width, target.height), target.channels).data;
  } catch (err) {
    if (err instanceof ImageError) throw new UserError(`Cannot use image ${path}: ${err.message}`);
    throw err;
  }
}
