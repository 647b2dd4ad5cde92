// The job process of one open model: started on the panel's first request and kept, so the model's weights are
// read and its dataset decoded once (src/worker/modelCache.ts) for the preview, the latent map, every Encode
// Image and Evaluate, instead of a fresh process decoding the folder for each. Requests queue in that process
// (the envelope's ids match the replies). If the process dies (a crash, SIGKILL, out of memory), the requests
// waiting fail with what happened and the next request starts a new one. The panel disposes it when it closes.
// No `vscode` here: bench/openModel.mjs and the unit tests drive it as the panel does.
import type { PreviewOrder } from '../protocol/preview';
import type { MapProgress, MapSpec } from '../protocol/latentMap';
import type { JobProgress, JobReplies, JobRequest } from '../protocol/job';
import type { LatentMetricName, NeighbourTarget } from '../protocol/neighbours';
import { JobClosedError, JobProcess, type JobProcessOptions } from './jobProcess';

export class ModelJob {
  private process: JobProcess | null = null;
  private closed = false;
  /** How many processes this job has started (1 unless one died), for the benchmark and tests. */
  started = 0;

  constructor(
    private readonly extensionPath: string,
    readonly modelDir: string,
    private readonly options: Omit<JobProcessOptions, 'role'> = {},
  ) {}

  /** Reconstructions of `count` dataset images, or why there are none (the data is gone). */
  preview(count: number, order: PreviewOrder): Promise<JobReplies['preview']> {
    return this.request({ type: 'preview', modelDir: this.modelDir, count, order });
  }

  /** The latent map of every dataset image; `cancel` stops a UMAP fit or placing under way. */
  latentMap(spec: MapSpec, onProgress?: (p: MapProgress) => void): { reply: Promise<JobReplies['latentMap']>; cancel(): void } {
    return this.requestCancellable({ type: 'latentMap', modelDir: this.modelDir, spec }, (p) => {
      if (p.type === 'mapProgress') onProgress?.({ stage: p.stage, done: p.done, total: p.total });
    });
  }

  /** Images and codes of some dataset images (the map's thumbnails). */
  mapImages(indices: Int32Array): Promise<JobReplies['mapImages']> {
    return this.request({ type: 'mapImages', modelDir: this.modelDir, indices });
  }

  encode(imagePath: string): Promise<JobReplies['encode']> {
    return this.request({ type: 'encode', modelDir: this.modelDir, imagePath });
  }

  evaluate(iwaeK: number, maxImages: number): Promise<JobReplies['evaluate']> {
    return this.request({ type: 'evaluate', modelDir: this.modelDir, iwaeK, maxImages });
  }

  /** The k nearest images in latent space to one image of the model's dataset (μ of every image, cached). */
  neighbours(target: NeighbourTarget, k: number, metric: LatentMetricName): Promise<JobReplies['neighbours']> {
    return this.request({ type: 'neighbours', modelDir: this.modelDir, target, k, metric });
  }

  /** Dataset images whose path contains `query`, case-insensitive. */
  searchImages(query: string): Promise<JobReplies['searchImages']> {
    return this.request({ type: 'searchImages', modelDir: this.modelDir, query });
  }

  /** Compute Metrics: its progress reports, and a cancel that stops it between steps. */
  metrics(
    options: Omit<Extract<JobRequest, { type: 'metrics' }>, 'type' | 'modelDir'>,
    onProgress: (p: JobProgress) => void,
  ): { reply: Promise<JobReplies['metrics']>; cancel(): void } {
    if (this.closed) return { reply: Promise.reject(new JobClosedError(`the job of ${this.modelDir}`)), cancel: () => undefined };
    const process = this.running();
    const { id, reply } = process.request({ type: 'metrics', modelDir: this.modelDir, ...options }, onProgress);
    return { reply, cancel: () => process.cancel(id) };
  }

  /** Label centroids, μ ranges and a mixture of `components` (0: chosen by BIC) over every image of the dataset. */
  latentStats(components: number): Promise<JobReplies['latentStats']> {
    return this.request({ type: 'latentStats', modelDir: this.modelDir, components });
  }

  /** Prior samples drawn in the job (a PixelCNN decoder's, pixel by pixel); `cancel` stops them between rows. */
  sample(count: number, temperature: number, seed: number, onProgress?: (done: number, total: number) => void): { reply: Promise<JobReplies['sample']>; cancel(): void } {
    return this.requestCancellable({ type: 'sample', modelDir: this.modelDir, count, temperature, seed }, (p) => {
      if (p.type === 'sampling') onProgress?.(p.done, p.total);
    });
  }

  /** The current process's id, if one runs (tests kill it). */
  get pid(): number | undefined {
    return this.process?.alive ? this.process.pid : undefined;
  }

  /** Ends the process; requests still waiting fail with a JobClosedError, later ones at once. */
  dispose(): void {
    this.closed = true;
    this.process?.dispose();
    this.process = null;
  }

  private request<K extends JobRequest['type']>(message: Extract<JobRequest, { type: K }>): Promise<JobReplies[K]> {
    return this.requestCancellable(message).reply;
  }

  private requestCancellable<K extends JobRequest['type']>(message: Extract<JobRequest, { type: K }>, onProgress?: (p: JobProgress) => void): { reply: Promise<JobReplies[K]>; cancel(): void } {
    if (this.closed) return { reply: Promise.reject(new JobClosedError(`the job of ${this.modelDir}`)), cancel: () => undefined };
    const proc = this.running();
    const { id, reply } = proc.request(message, onProgress);
    return { reply, cancel: () => proc.cancel(id) };
  }

  /** The live process, started anew when there is none or it died. */
  private running(): JobProcess {
    if (!this.process?.alive) {
      this.process = new JobProcess(this.extensionPath, { ...this.options, role: 'model' });
      this.started++;
    }
    return this.process;
  }
}
