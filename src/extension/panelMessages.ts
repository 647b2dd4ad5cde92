// Building panel messages from host-side data; pure, so tests can produce exactly what the panel receives.
import * as path from 'node:path';
import type { Manifest } from '../store/manifest';
import type { Encoding } from '../protocol/encoding';
import type { LatentMap } from '../protocol/latentMap';
import type { Preview } from '../protocol/preview';
import type { HostToWebview, ModelSummary } from '../protocol/webview';

export function summaryOf(modelDir: string, m: Pick<Manifest, 'status' | 'model' | 'training' | 'dataset'>): ModelSummary {
  return {
    name: path.basename(modelDir),
    modelDir,
    status: m.status,
    model: m.model,
    training: m.training,
    dataset: { root: m.dataset.root, count: m.dataset.count, trainCount: m.dataset.trainCount, validationCount: m.dataset.validationCount, labelNames: m.dataset.labelNames },
  };
}

export function previewMessage(p: Preview): HostToWebview {
  return { type: 'preview', order: p.order, errors: p.errors, height: p.height, width: p.width, channels: p.channels, count: p.count, originals: Array.from(p.originals), reconstructions: Array.from(p.reconstructions) };
}


export function encodedMessage(e: Encoding): HostToWebview {
  return {
    type: 'encoded',
    name: path.basename(e.imagePath),
    height: e.height,
    width: e.width,
    channels: e.channels,
    pixels: Array.from(e.pixels),
    reconstruction: Array.from(e.reconstruction),
    mu: e.mu,
    logvar: e.logvar,
    reconError: e.reconError,
    percentile: e.percentile,
    neighbours: e.neighbours.map((n) => ({ source: path.basename(n.source), distance: n.distance })),
    neighbourPixels: Array.from(e.neighbourPixels),
  };
}

export function latentMapMessage(m: LatentMap): HostToWebview {
  return {
    type: 'latentMap',
    method: m.method,
    codes: Array.from(m.codes, (v) => Math.round(v * 1e4) / 1e4),
    count: m.count,
    height: m.height,
    width: m.width,
    channels: m.channels,
    points: Array.from(m.points, (v) => Math.round(v * 1e4) / 1e4),
    labels: m.labels ? Array.from(m.labels) : null,
    labelNames: m.labelNames,
    mean: m.mean,
    components: m.components,
    variances: m.variances,
    totalVariance: m.totalVariance,
    thumbnailsBase64: Buffer.from(m.thumbnails.buffer, m.thumbnails.byteOffset, m.thumbnails.byteLength).toString('base64'),
  };
}
