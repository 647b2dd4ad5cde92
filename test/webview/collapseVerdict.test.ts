// The diagnostics section on every variant: the verdict it shows is shared/collapse.ts's for the model (what
// `eval --json` reports, data-verdict on the line), a VQ-VAE gets "not applicable" and no buttons, and the remedy
// buttons are exactly those protocol/remedies.ts's applyRemedy offers (the host's rule), the others named with why.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyRemedy, REMEDY_NAMES } from '../../src/protocol/remedies';
import type { HostToPage } from '../../src/protocol/webview';
import { modelCollapseVerdict } from '../../src/shared/collapse';
import type { ModelConfig, TrainConfig } from '../../src/shared/types';
import { post, trainedMessages, withPage } from './harness';

type ModelMessage = Extract<HostToPage, { type: 'model' }>;

const CASES: { name: string; model: Partial<ModelConfig>; training?: Partial<TrainConfig>; kl: 'some' | 'all' | 'trickle' }[] = [
  { name: 'vae', model: {}, kl: 'some' },
  { name: 'cvae', model: { model: 'cvae', labels: ['a', 'b'] }, kl: 'all' },
  { name: 'iwae', model: { model: 'iwae', iwaeK: 5 }, kl: 'some' },
  { name: 'conv', model: { net: 'conv' }, kl: 'trickle' },
  { name: 'mog', model: { prior: 'mog', priorComponents: 10 }, kl: 'some' },
  { name: 'vamp', model: { prior: 'vamp', priorComponents: 50 }, kl: 'all' },
  { name: 'planar', model: { flow: 'planar', flowSteps: 8 }, kl: 'some' },
  { name: 'iaf', model: { flow: 'iaf', flowSteps: 2 }, kl: 'some' },
  { name: 'cyclical', model: {}, training: { klSchedule: 'cyclical', klCycles: 4, klRatio: 0.5 }, kl: 'some' },
  { name: 'vaegan', model: { model: 'vaegan', net: 'conv', gamma: 0.1 }, kl: 'some' },
  { name: 'pixelcnn', model: { decoder: 'pixelcnn' }, kl: 'trickle' },
  { name: 'vqvae', model: { model: 'vqvae', codebookSize: 16, codeDim: 3 }, kl: 'some' },
  { name: 'onnx', model: { model: 'onnx' }, kl: 'some' },
];

test('every variant: the panel’s verdict is the shared rule’s and its remedy buttons are the ones the host accepts', { timeout: 300_000 }, async () => {
  const [base] = (await trainedMessages()) as [ModelMessage];
  await withPage('', async ({ page }) => {
    for (const c of CASES) {
      const model = { ...base.summary.model, ...c.model } as ModelConfig;
      const training = { ...base.summary.training, ...c.training };
      const d = model.latentDim;
      // some dimensions collapsed / none / a trickle of KL in two (full collapse)
      const kl = Array.from({ length: d }, (_, i) => (c.kl === 'all' ? 0.5 + i : c.kl === 'trickle' ? (i < 2 ? 0.2 : 0.001) : i < 3 ? 0.004 : 1 + i));
      const epochs = base.epochs.map((e) => ({ ...e, validation: { ...e.validation!, klPerDim: kl, activeUnits: c.kl === 'all' ? d : 2 } }));
      await post(page, { ...base, summary: { ...base.summary, name: c.name, model, training }, epochs });
      const verdict = modelCollapseVerdict(model, kl);
      const expected = verdict ? verdict.verdict : 'not-applicable';
      const offered = REMEDY_NAMES.filter((r) => !('refused' in applyRemedy({ model, training, activeUnits: epochs.at(-1)!.validation.activeUnits }, r)));
      const shown = () =>
        page.evaluate(() => ({
          verdict: document.getElementById('verdict')!.dataset.verdict,
          text: document.getElementById('verdict')!.textContent ?? '',
          buttons: [...document.querySelectorAll<HTMLButtonElement>('#remedies button[data-remedy]')].filter((b) => !b.hidden && b.offsetParent !== null).map((b) => b.dataset.remedy),
          note: document.getElementById('remedies-note')!.hidden ? '' : (document.getElementById('remedies-note')!.textContent ?? ''),
        }));
      await page.waitForFunction(
        ([v, names]) => {
          const el = document.getElementById('verdict')!;
          const visible = [...document.querySelectorAll<HTMLButtonElement>('#remedies button[data-remedy]')].filter((b) => !b.hidden && b.offsetParent !== null).map((b) => b.dataset.remedy);
          return el.dataset.verdict === v && JSON.stringify(visible) === JSON.stringify(names);
        },
        [expected, offered] as const,
        { timeout: 60_000 },
      ).catch(async () => assert.fail(`${c.name}: expected verdict ${expected} and buttons ${offered.join(', ')}; the page shows ${JSON.stringify(await shown())}`));
      const s = await shown();
      if (c.name === 'vqvae') {
        assert.match(s.text, /^Not applicable to a VQ-VAE/);
        assert.deepEqual(s.buttons, []);
      } else {
        assert.match(s.text, new RegExp(`^Verdict: ${expected}\\.`), c.name);
      }
      if (c.name === 'planar' || c.name === 'iaf') assert.match(s.text, /flow’s Gaussian base q\(z_0\|x\)/, c.name);
      if (c.name === 'mog' || c.name === 'vamp') assert.match(s.text, /prior’s marginal/, c.name);
      // the remedies left out are named with the reason
      const left = REMEDY_NAMES.length - offered.length;
      assert.equal(s.note === '', left === 0, `${c.name}: ${s.note}`);
      if (c.name === 'onnx') assert.match(s.note, /imported model was not trained here/);
      if (c.name === 'cyclical') assert.match(s.note, /^Remedies not offered for this model — Add KL warm-up: the cyclical schedule/);
      if (c.name === 'pixelcnn') assert.match(s.note, /Halve the hidden layers: the PixelCNN decoder has a fixed depth/);
      if (c.name === 'vamp') assert.match(s.note, /Keep only the active dimensions: every latent dimension is active/);
      if (offered.length) {
        const sent = () => page.evaluate(() => (window as unknown as { __posted: unknown[] }).__posted);
        const before = (await sent()).length;
        await page.click(`#remedies button[data-remedy=${offered[0]}]`);
        await page.waitForFunction((n) => (window as unknown as { __posted: unknown[] }).__posted.length > n, before);
        assert.deepEqual((await sent()).at(-1), { type: 'retrain', remedy: offered[0] }, c.name);
      }
    }
  });
});
