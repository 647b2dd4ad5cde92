// Options of the dataset loader; the dataset shapes themselves live in src/shared/dataset.ts.
import type { PoolOptions } from './decodePool';

export type { Dataset, LoadReport, SkippedFile, Split } from '../shared/dataset';

export interface LoadOptions extends PoolOptions {
  /** Target size; default the most common size, capped at 64×64 (aspect kept within the cap). */
  size?: { width: number; height: number };
  /** At most this many images: a seeded random sample of a folder's image files (the first ones of an IDX file). */
  limit?: number;
  /** Refuse any image whose header claims more pixels than this, before decoding. Default 50 000 000. */
  maxPixels?: number;
  /** Called now and then with the number of files examined so far. */
  onProgress?: (done: number, total: number) => void;
}
