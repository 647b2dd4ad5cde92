/** Which images a preview shows: a spread over the dataset, or the worst reconstructed (anomaly candidates). */
export type PreviewOrder = 'spread' | 'worst';

/** A few images and their reconstructions, uint8 N·H·W·C, for the panel's grid. */
export interface Preview {
  order: PreviewOrder;
  /** −log p(x | z = μ) per image, nats: the anomaly score. */
  errors: number[];
  height: number;
  width: number;
  channels: 1 | 3;
  count: number;
  originals: Uint8Array;
  reconstructions: Uint8Array;
  /** Source file (or IDX record) of each image, for "open in editor". */
  sources: string[];
}
