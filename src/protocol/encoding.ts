/** One image file through the model: its posterior q(z|x) and what the decoder makes of μ. */
export interface Encoding {
  imagePath: string;
  modelDir: string;
  height: number;
  width: number;
  channels: 1 | 3;
  /** The image as the model sees it (resized, channel-converted), uint8 H·W·C. */
  pixels: Uint8Array;
  reconstruction: Uint8Array;
  mu: number[];
  logvar: number[];
  /** −log p(x | z = μ), nats: the anomaly score. */
  reconError: number;
  /** Share of the model's dataset (up to 2 000 images) with a lower anomaly score, %; null without the data. */
  percentile: number | null;
  /** The dataset images whose μ is nearest to this one's, nearest first. */
  neighbours: { source: string; distance: number }[];
  /** Their pixels, uint8 N·H·W·C. */
  neighbourPixels: Uint8Array;
}
