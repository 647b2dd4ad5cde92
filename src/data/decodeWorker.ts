// A decode worker (bundled on its own as dist/decodeWorker.js): reads image files itself, so their bytes never
// cross threads, decodes and resizes them, and posts the pixels back as one transferred buffer per request.
import { parentPort } from 'node:worker_threads';
import { decodeFile, readFileHeader, type TargetSize } from './decodeFile';
import type { FromDecodeWorker, ToDecodeWorker } from './decodeMessages';
import { HEADER_BYTES } from './header';

if (!parentPort) throw new Error('decodeWorker.js runs as a worker thread of the dataset loader, not on its own');
const port = parentPort;
const scratch = Buffer.alloc(HEADER_BYTES);

function headerSizes(paths: string[]): Uint32Array<ArrayBuffer> {
  const sizes = new Uint32Array(paths.length * 2);
  paths.forEach((path, i) => {
    const h = readFileHeader(path, scratch);
    if (h) sizes.set([h.width, h.height], i * 2);
  });
  return sizes;
}

function decode(id: number, paths: string[], size: TargetSize, maxPixels: number): Extract<FromDecodeWorker, { type: 'decoded' }> {
  const outcomes = paths.map((path) => decodeFile(path, size, maxPixels));
  let bytes = 0;
  for (const o of outcomes) if ('image' in o) bytes += o.image.data.length;
  const pixels = new Uint8Array(bytes);
  const channels = new Uint8Array(paths.length);
  const resized = new Uint8Array(paths.length);
  const reasons: (string | null)[] = [];
  let offset = 0;
  outcomes.forEach((o, i) => {
    if ('reason' in o) {
      reasons.push(o.reason);
      return;
    }
    reasons.push(null);
    pixels.set(o.image.data, offset);
    offset += o.image.data.length;
    channels[i] = o.image.channels;
    resized[i] = o.resized ? 1 : 0;
  });
  return { type: 'decoded', id, pixels: pixels.buffer, channels, resized, reasons };
}

port.on('message', (msg: ToDecodeWorker) => {
  if (msg.type === 'stop') {
    // messages are handled between decodes, so nothing is in flight: closing the port lets the thread end
    port.close();
    return;
  }
  if (msg.type === 'headers') {
    const sizes = headerSizes(msg.paths);
    port.postMessage({ type: 'headers', id: msg.id, sizes } satisfies FromDecodeWorker, [sizes.buffer]);
    return;
  }
  const reply = decode(msg.id, msg.paths, { width: msg.width, height: msg.height }, msg.maxPixels);
  port.postMessage(reply, [reply.pixels]);
});
