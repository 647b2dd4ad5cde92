// The sharpness measure lives in shared/ (the pages compute it on the images they decode); re-exported for the engine's metrics.
export { laplacianVariance, sharpness } from '../../shared/sharpness';
