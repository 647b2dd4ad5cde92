export * from './manifest';
export { saveCheckpoint, readManifest, loadModel, updateManifest, setStatus } from './modelStore';
export { writeFileAtomic } from './atomicWrite';
export { FileSystemIOHandler } from './fileIOHandler';
export { datasetInfo } from './datasetInfo';
