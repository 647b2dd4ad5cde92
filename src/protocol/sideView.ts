// Messages between the host and the side-panel view (activity bar "Latent Explorer"). As with the model panel,
// everything the page sends is validated before use.
import type { ModelConfig } from '../shared/types';
import type { DecoderSource } from './webview';

export interface ModelEntry {
  name: string;
  modelDir: string;
  status: 'training' | 'completed' | 'cancelled' | 'failed';
  epochs: number;
  negElbo: number | null;
}

export interface TrainingStatus {
  modelDir: string;
  epoch: number;
  epochs: number;
  /** −ELBO per finished epoch (validation when there is one), for the sparkline. */
  history: number[];
}

export type HostToSide =
  | { type: 'state'; models: ModelEntry[]; current: string | null; training: TrainingStatus | null }
  | { type: 'pad'; modelDir: string; source: DecoderSource; model: ModelConfig; klPerDim: number[] };

export type SideToHost =
  | { type: 'ready' }
  | { type: 'openModel'; index: number }
  | { type: 'train' }
  | { type: 'open' }
  | { type: 'cancel' }
  | { type: 'evaluate' }
  | { type: 'sample' };

const BARE = new Set(['ready', 'train', 'open', 'cancel', 'evaluate', 'sample']);

export function isSideToHost(msg: unknown): msg is SideToHost {
  if (typeof msg !== 'object' || msg === null || Array.isArray(msg)) return false;
  const m = msg as Record<string, unknown>;
  const keys = Object.keys(m);
  if (typeof m.type === 'string' && BARE.has(m.type)) return keys.length === 1;
  if (m.type === 'openModel') return keys.length === 2 && Number.isInteger(m.index) && (m.index as number) >= 0 && (m.index as number) < 100_000;
  return false;
}
