export type Projection = 'pca' | 'umap';

/** Codes of a model's dataset projected to 2-D by PCA or UMAP (see src/training/latentMap.ts). */
export interface LatentMap {
  method: Projection;
  count: number;
  height: number;
  width: number;
  channels: 1 | 3;
  /** count × 2, row-major: PCA or UMAP coordinates of μ(x). */
  points: Float32Array;
  /** count × latentDim μ(x): UMAP has no inverse, so a click decodes the nearest image's code. Empty for PCA. */
  codes: Float32Array;
  labels: Int32Array | null;
  labelNames: string[];
  /** PCA only: a 2-D point (x, y) maps back to the latent code mean + x·components[0] + y·components[1]. */
  mean: number[];
  components: [number[], number[]];
  variances: [number, number];
  totalVariance: number;
  /** The images, uint8 count·H·W·C, for hover thumbnails. */
  thumbnails: Uint8Array;
  sources: string[];
}
