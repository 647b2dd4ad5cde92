// Which job process serves which model panel: one ModelJob per open panel, started by the panel's first request
// (the preview when it opens) and ended when the panel closes. Commands that need the model's job process ask
// here instead of forking one of their own.
import type { ModelPanel } from './modelPanel';
import { ModelJob } from './modelJob';

const jobs = new WeakMap<ModelPanel, ModelJob>();

export function modelJobOf(extensionPath: string, panel: ModelPanel): ModelJob {
  let job = jobs.get(panel);
  if (!job) {
    const created = new ModelJob(extensionPath, panel.modelDir);
    panel.panel.onDidDispose(() => created.dispose());
    jobs.set(panel, created);
    job = created;
  }
  return job;
}
