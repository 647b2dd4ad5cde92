// The extension in a real VS Code extension host (code-server): commands, panels, job processes. Each test sets up
// what it needs: the tests that read a model share one trained once, explicitly, in `before`; every folder they
// write is a tempDir(), removed when the run ends (suite/index.ts).
import * as assert from 'node:assert/strict';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import * as vscode from 'vscode';
import { tempDir } from '../../helpers/tempDir';

const EXTENSION_ID = 'latent-explorer.latent-explorer';

function env(name: string): string {
  const v = process.env[name];
  assert.ok(v, `${name} must be set by the test runner`);
  return v;
}

function modelPanelTabs(): vscode.Tab[] {
  return vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.includes('latentExplorer.model'));
}

/** The job processes (dist/worker.js) this extension host has forked and that still run (Linux: /proc). */
function jobProcesses(): number[] {
  const children: number[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      // "pid (comm) state ppid …": the command name may hold spaces, so read after its closing parenthesis
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid === process.pid && readFileSync(`/proc/${name}/cmdline`, 'utf8').includes(path.join('dist', 'worker.js'))) children.push(Number(name));
    } catch {
      // the process ended while we looked
    }
  }
  return children;
}

async function closeModelPanels(): Promise<void> {
  for (const t of modelPanelTabs()) await vscode.window.tabGroups.close(t);
  await waitFor('the model panels to close', () => modelPanelTabs().length === 0);
}

/**
 * Tabs and panels settle asynchronously in the workbench: poll instead of assuming. The bound only names what was
 * awaited when a condition never comes; on a busy one-core machine a job process takes seconds to exit, so it is
 * generous (mocha's own timeout is 180 s).
 */
async function waitFor(what: string, cond: () => boolean, ms = 120_000): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) assert.fail(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('Latent Explorer in a real VS Code host', () => {
  /** The tiny model the reading tests share, trained once by the command itself (4 latents, 2 epochs). */
  let fixture = '';
  const tinyRun = { epochs: 2, limit: 64, latentDim: 4, hidden: [16], batchSize: 16 };

  before(async () => {
    await vscode.extensions.getExtension(EXTENSION_ID)?.activate();
    // named "tiny" for the remedy test, which derives its folder name from it
    fixture = path.join(tempDir('le-host-fixture-'), 'tiny');
    const r = (await vscode.commands.executeCommand('latentExplorer.trainOnFolder', vscode.Uri.file(env('LE_TEST_WORKSPACE')), { ...tinyRun, modelDir: fixture })) as { status: string };
    assert.equal(r.status, 'completed', 'the shared model trained');
    await closeModelPanels();
  });

  it('activates and registers its commands', async () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext, 'extension is installed');
    await ext.activate();
    const commands = await vscode.commands.getCommands(true);
    for (const c of ['latentExplorer.trainOnFolder', 'latentExplorer.openModel', 'latentExplorer.cancelTraining', 'latentExplorer.sampleFromPrior', 'latentExplorer.evaluateModel', 'latentExplorer.computeMetrics', 'latentExplorer.encodeImage', 'latentExplorer.interpolateImages']) {
      assert.ok(commands.includes(c), `${c} is registered`);
    }
  });

  it('trains a VAE on the workspace folder in a job process and writes a checkpoint per epoch', async () => {
    await closeModelPanels();
    const modelDir = path.join(tempDir('le-host-train-'), 'model');
    const result = (await vscode.commands.executeCommand('latentExplorer.trainOnFolder', vscode.Uri.file(env('LE_TEST_WORKSPACE')), { ...tinyRun, modelDir })) as {
      modelDir: string;
      status: string;
      epochs: { epoch: number; train: { klPerDim: number[] } }[];
    };
    assert.equal(result.status, 'completed');
    assert.equal(result.modelDir, modelDir);
    assert.deepEqual(result.epochs.map((e) => e.epoch), [1, 2]);
    assert.equal(result.epochs[1].train.klPerDim.length, 4);
    const manifest = JSON.parse(readFileSync(path.join(modelDir, 'manifest.json'), 'utf8'));
    assert.equal(manifest.status, 'completed');
    assert.equal(manifest.epochs.length, 2);
    assert.ok(existsSync(path.join(modelDir, manifest.weights.file)));
    await waitFor('the model panel opened while training', () => modelPanelTabs().length === 1);
  });

  it('opens a saved model in its panel, and refuses a folder that is not a model', async () => {
    await closeModelPanels();
    assert.equal(await vscode.commands.executeCommand('latentExplorer.openModel', vscode.Uri.file(fixture)), true);
    await waitFor('the saved model panel', () => modelPanelTabs().length === 1);
    assert.equal(await vscode.commands.executeCommand('latentExplorer.sampleFromPrior'), true, 'Sample reveals the open model at its samples');
    assert.equal(await vscode.commands.executeCommand('latentExplorer.openModel', vscode.Uri.file(env('LE_TEST_WORKSPACE'))), false);
  });

  it('encodes an image with the open model: a latent of the model size; a non-image is refused', async () => {
    const ws = env('LE_TEST_WORKSPACE');
    assert.equal(await vscode.commands.executeCommand('latentExplorer.openModel', vscode.Uri.file(fixture)), true);
    const r = (await vscode.commands.executeCommand('latentExplorer.encodeImage', vscode.Uri.file(path.join(ws, 'left', '0.png')))) as {
      modelDir: string;
      mu: number[];
      logvar: number[];
      reconError: number;
    };
    assert.equal(r.modelDir, fixture);
    assert.equal(r.mu.length, 4);
    assert.equal(r.logvar.length, 4);
    assert.ok(Number.isFinite(r.reconError) && r.reconError > 0);
    const notAnImage = path.join(tempDir('le-host-notes-'), 'notes.png');
    writeFileSync(notAnImage, 'not an image');
    await assert.rejects(Promise.resolve(vscode.commands.executeCommand('latentExplorer.encodeImage', vscode.Uri.file(notAnImage))), /not an image/);
  });

  it('one job process serves an open model (preview, map, Encode Image, interpolation) and ends with its panel', async () => {
    const ws = env('LE_TEST_WORKSPACE');
    await closeModelPanels();
    await waitFor('no job process left running', () => jobProcesses().length === 0);
    assert.equal(await vscode.commands.executeCommand('latentExplorer.openModel', vscode.Uri.file(fixture)), true);
    // the preview and the map were asked for on opening; these requests queue behind them in the same process
    await vscode.commands.executeCommand('latentExplorer.encodeImage', vscode.Uri.file(path.join(ws, 'left', '0.png')));
    const a = vscode.Uri.file(path.join(ws, 'left', '2.png'));
    const b = vscode.Uri.file(path.join(ws, 'right', '3.png'));
    assert.equal(await vscode.commands.executeCommand('latentExplorer.interpolateImages', a, [a, b]), true);
    const running = jobProcesses();
    assert.equal(running.length, 1, `job processes: ${running.join(', ')}`);
    await closeModelPanels();
    await waitFor('the panel\'s job process to end', () => !existsSync(`/proc/${running[0]}`));
  });

  it('interpolates between two selected images, and asks for two when given one', async () => {
    const ws = env('LE_TEST_WORKSPACE');
    assert.equal(await vscode.commands.executeCommand('latentExplorer.openModel', vscode.Uri.file(fixture)), true);
    const a = vscode.Uri.file(path.join(ws, 'left', '0.png'));
    const b = vscode.Uri.file(path.join(ws, 'right', '1.png'));
    assert.equal(await vscode.commands.executeCommand('latentExplorer.interpolateImages', a, [a, b]), true);
    assert.equal(await vscode.commands.executeCommand('latentExplorer.interpolateImages', a, [a]), false);
  });

  it('shows the side view and evaluates a model with the IWAE bound', async () => {
    await vscode.commands.executeCommand('latentExplorer.sideView.focus');
    const m = (await vscode.commands.executeCommand('latentExplorer.evaluateModel', vscode.Uri.file(fixture))) as {
      negElbo: number;
      iwaeNll: number;
      iwaeK: number;
      nImages: number;
    };
    assert.equal(m.iwaeK, 100);
    assert.ok(m.iwaeNll <= m.negElbo + 1, `IWAE ${m.iwaeNll} vs −ELBO ${m.negElbo}`);
    assert.ok(m.nImages > 0);
    const manifest = JSON.parse(readFileSync(path.join(fixture, 'manifest.json'), 'utf8'));
    assert.equal(manifest.evaluation.iwaeK, 100);
  });

  it('computes the metrics of the open model with a factors CSV, into the panel and the output', async () => {
    assert.equal(await vscode.commands.executeCommand('latentExplorer.openModel', vscode.Uri.file(fixture)), true);
    // the factors: which side each image of the workspace lights up (its class folder), for every image there
    const ws = env('LE_TEST_WORKSPACE');
    const images: string[] = [];
    const walk = (dir: string, rel: string) => {
      for (const e of readdirSync(dir, { withFileTypes: true })) {
        if (e.name.startsWith('.')) continue;
        if (e.isDirectory()) walk(path.join(dir, e.name), `${rel}${e.name}/`);
        else if (/\.(png|jpe?g)$/i.test(e.name)) images.push(`${rel}${e.name}`);
      }
    };
    walk(ws, '');
    const csv = path.join(tempDir('le-host-metrics-'), 'factors.csv');
    writeFileSync(csv, ['file,folder', ...images.map((f) => `${f},${f.split('/')[0]}`)].join('\n'));
    const r = (await vscode.commands.executeCommand('latentExplorer.computeMetrics', vscode.Uri.file(fixture), { factors: vscode.Uri.file(csv) })) as {
      nImages: number;
      latentDim: number;
      mutualInformation: { value: number; bound: number };
      linearProbe: { accuracy: number } | null;
      factors: { mig: number | null; names: string[] } | null;
    };
    assert.equal(r.latentDim, tinyRun.latentDim);
    assert.ok(r.nImages > 0);
    assert.ok(r.mutualInformation.value <= r.mutualInformation.bound + 0.5, `I(x;z) ${r.mutualInformation.value} ≤ log B ${r.mutualInformation.bound}`);
    assert.ok(r.linearProbe && r.linearProbe.accuracy >= 0 && r.linearProbe.accuracy <= 1);
    assert.deepEqual(r.factors?.names, ['folder']);
    assert.ok(r.factors.mig === null || (r.factors.mig >= 0 && r.factors.mig <= 1));
    // a bad factors file is refused with its line, as a rejection for a programmatic caller
    writeFileSync(csv, 'name,folder\n');
    await assert.rejects(Promise.resolve(vscode.commands.executeCommand('latentExplorer.computeMetrics', vscode.Uri.file(fixture), { factors: vscode.Uri.file(csv) })), /line 1: the first column is "name"/);
    await closeModelPanels();
  });

  it('a remedy retrains the same data with that change into a new folder', async () => {
    const r = (await vscode.commands.executeCommand('latentExplorer.retrainWithRemedy', vscode.Uri.file(fixture), 'halveBeta')) as { modelDir: string; status: string };
    assert.equal(r.status, 'completed');
    assert.match(path.basename(r.modelDir), /^tiny-halveBeta-/);
    const m = JSON.parse(readFileSync(path.join(r.modelDir, 'manifest.json'), 'utf8'));
    assert.equal(m.training.beta, 0.5);
    assert.equal(m.epochs.length, 2);
  });

  it('the editor never waits: the extension host event loop stays mostly idle while a VAE trains (delay p99 recorded)', async () => {
    // this test runs in the extension host itself, so the histogram sees exactly what every other extension sees
    const repo = path.join(__dirname, '..', '..', '..');
    const sample = path.join(repo, 'samples', 'fashion-mnist');
    const modelDir = path.join(tempDir('le-loop-'), 'model');
    // the same host idle for 3 s first: what the editor itself (other extensions, RPC, GC) costs without us
    const idle = monitorEventLoopDelay({ resolution: 1 });
    idle.enable();
    await new Promise((r) => setTimeout(r, 3000));
    idle.disable();
    const h = monitorEventLoopDelay({ resolution: 1 });
    const started = Date.now();
    const eluBefore = performance.eventLoopUtilization();
    h.enable();
    try {
      // the reference model on the bundled 3 000 images: loading, 5 epochs, a checkpoint and a panel update per epoch
      const result = (await vscode.commands.executeCommand('latentExplorer.trainOnFolder', vscode.Uri.file(sample), {
        epochs: 5,
        latentDim: 20,
        hidden: [400],
        batchSize: 128,
        modelDir,
      })) as { status: string };
      assert.equal(result.status, 'completed');
    } finally {
      h.disable();
    }
    // the share of wall time the host's loop was busy: near 1 if training (or its decoding) ran on it, small when
    // it only relays messages; unlike the delay percentiles it does not grow because other processes load the CPU
    const utilization = performance.eventLoopUtilization(eluBefore).utilization;
    const ms = (ns: number) => ns / 1e6;
    const figures = {
      measured: new Date().toISOString(),
      command: 'npm test (test/integration/suite/extension.test.ts, inside code-server\'s extension host)',
      workload: 'Train VAE on Folder: samples/fashion-mnist (3 000 PNGs), 784-400-20, batch 128, 5 epochs',
      seconds: (Date.now() - started) / 1000,
      samples: h.count,
      p50Ms: ms(h.percentile(50)),
      p99Ms: ms(h.percentile(99)),
      maxMs: ms(h.max),
      idleP99Ms: ms(idle.percentile(99)),
      idleMaxMs: ms(idle.max),
      utilization,
    };
    console.log(`[host-measure] event loop while training: ${JSON.stringify(figures)}`);
    const out = path.join(repo, 'out', 'measurements');
    mkdirSync(out, { recursive: true });
    writeFileSync(path.join(out, 'event-loop.json'), JSON.stringify(figures, null, 2));
    // the delay p99 (target < 10 ms on a quiet machine) is a measurement, quoted by the benchmark report; what must
    // hold on any machine, however busy, is that the host's loop did not do the work
    assert.ok(
      utilization < 0.5,
      `the extension host's event loop was busy ${(100 * utilization).toFixed(0)}% of the time while training (delay p99 ${figures.p99Ms.toFixed(2)} ms, max ${figures.maxMs.toFixed(1)} ms over ${figures.seconds} s)`,
    );
  });

  it('a second training while one runs is refused with a message, and cancelling the first keeps its checkpoint', async () => {
    const ws = env('LE_TEST_WORKSPACE');
    const base = tempDir('le-two-');
    const first = vscode.commands.executeCommand('latentExplorer.trainOnFolder', vscode.Uri.file(ws), {
      epochs: 500, latentDim: 2, hidden: [8], batchSize: 4, modelDir: path.join(base, 'first'),
    }) as Thenable<{ status: string; epochs: unknown[] }>;
    await waitFor('the first checkpoint', () => existsSync(path.join(base, 'first', 'manifest.json')));
    await assert.rejects(
      Promise.resolve(vscode.commands.executeCommand('latentExplorer.trainOnFolder', vscode.Uri.file(ws), { epochs: 1, modelDir: path.join(base, 'second') })),
      /already in progress/,
    );
    assert.equal(existsSync(path.join(base, 'second')), false, 'the refused run wrote nothing');
    assert.equal(await vscode.commands.executeCommand('latentExplorer.cancelTraining'), true, 'a run was there to cancel');
    const r = await first;
    assert.equal(r.status, 'cancelled');
    const manifest = JSON.parse(readFileSync(path.join(base, 'first', 'manifest.json'), 'utf8'));
    assert.ok(manifest.epochs.length >= 1, 'the cancelled run kept its last checkpoint');
  });

  it('cancelTraining with nothing running cancels nothing, and the next run is not cancelled by it', async () => {
    assert.equal(await vscode.commands.executeCommand('latentExplorer.cancelTraining'), false, 'nothing was running to cancel');
    const modelDir = path.join(tempDir('le-host-cancel-'), 'model');
    const r = (await vscode.commands.executeCommand('latentExplorer.trainOnFolder', vscode.Uri.file(env('LE_TEST_WORKSPACE')), { ...tinyRun, modelDir })) as { status: string; epochs: unknown[] };
    assert.equal(r.status, 'completed');
    assert.equal(r.epochs.length, tinyRun.epochs);
  });
});
