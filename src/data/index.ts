export * from './types';
export { loadDataset } from './loadDataset';
export { splitDataset, subsetDataset } from './split';
export { datasetFingerprint } from './fingerprint';
export { prepareImageFile } from './prepareImage';
export { encodePng, imageGrid } from './pngEncode';
export { decodeImage, ImageError, type DecodedImage } from './decodeImage';
export { resizeArea, convertChannels } from './resize';
