/** A few images and their reconstructions, uint8 N·H·W·C, for the panel's grid. */
export interface Preview {
  height: number;
  width: number;
  channels: 1 | 3;
  count: number;
  originals: Uint8Array;
  reconstructions: Uint8Array;
  /** Source file (or IDX record) of each image, for "open in editor". */
  sources: string[];
}
