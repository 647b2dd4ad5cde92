// Export PNG…: a grid of decoded images handed to the host, laid out as the CLI lays out its grids.
import type { PageToHost } from '../../protocol/webview';
import { imageGrid } from '../../shared/imageGrid';
import type { ModelConfig } from '../../shared/types';

export function exportSheet(send: (m: PageToHost) => void, model: ModelConfig | null, kind: 'samples' | 'interpolation', pixels: Uint8Array | null, count: number, columns: number): void {
  if (!pixels || !model) return;
  const [h, w, c] = model.inputShape;
  const g = imageGrid(pixels, count, h, w, c as 1 | 3, columns);
  send({ type: 'exportPng', sheet: { kind, width: g.width, height: g.height, channels: c as 1 | 3, pixels: g.pixels } });
}
