export * from './types';
export { loadDataset } from './loadDataset';
export { splitDataset, subsetDataset } from './split';
export { datasetFingerprint } from './fingerprint';
export { prepareImageFile } from './prepareImage';
export { encodePng } from './pngEncode';
export { imageGrid } from '../shared/imageGrid';
export { decodeImage, ImageError, type DecodedImage } from './decodeImage';
export { resizeArea, convertChannels } from './resize';
