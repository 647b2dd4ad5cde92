import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  CODE_PRIORS,
  DEFAULT_TRAIN,
  DEFAULT_VALIDATION_FRACTION,
  FLAG_NAMES,
  JOB_NAMES,
  KL_SCHEDULES,
  LIKELIHOODS,
  manifestNames,
  NETWORKS,
  readRunSettings,
  readTrainConfig,
  RULES,
  SETTING_NAMES,
  type FieldKey,
} from '../../../src/shared/trainConfig';
import { DEFAULT_CODE_PRIOR } from '../../../src/shared/codePrior';
import { DEFAULT_MODEL, DEFAULT_VAEGAN, DEFAULT_VQ } from '../../../src/shared/types';
import { isUserError } from '../../../src/shared/userError';
import { validateManifest } from '../../../src/store/manifest';

/** Out-of-range or mistyped values for every field, as JSON values (settings.json, manifest.json, a job). */
const BAD: Record<FieldKey, unknown[]> = {
  epochs: [0, 2.5, -3, '10', null],
  batchSize: [0, -1, 1.5],
  learningRate: [0, -1e-3, Infinity],
  beta: [-1, -0.01, 'high'],
  warmupEpochs: [-1],
  freeBits: [-0.5, 1001],
  klSchedule: ['linear', 'cyclic', 1],
  klCycles: [0, 1.5, -2],
  klRatio: [0, 1.5, -0.5],
  seed: [1.5, 2 ** 33, -(2 ** 32)],
  latentDim: [0, 1025, 2.5],
  hidden: [[0], [400, -1], [1.5], new Array(9).fill(8), 400, [1 << 17]],
  likelihood: ['poisson', 3],
  decoderScale: [0, -0.1, 'fixed'],
  model: ['vq-vae', 'VAE', 2],
  decoder: ['PixelCNN', 'lstm', 1],
  iwaeK: [0, 1001, 2.5],
  net: ['resnet', 'CONV', 3],
  codebookSize: [1, 4097, 2.5],
  codeDim: [0, 257, 1.5],
  commitment: [-0.25, 101, 'high'],
  ema: ['yes', 1, 0],
  gamma: [-0.1, 1001, 'high'],
  codePrior: ['pixelcnn', 'AR', 1],
  codePriorHidden: [0, 4097, 2.5],
  codePriorEpochs: [0, 1001, 1.5],
  prior: ['gaussian', 'VAMP', 1],
  priorComponents: [0, 1001, 2.5],
  flow: ['realnvp', 'IAF', 2],
  flowSteps: [0, 65, 1.5],
  validationFraction: [-0.1, 0.95, 1],
};
const TRAIN_FIELDS = Object.keys(DEFAULT_TRAIN) as (keyof typeof DEFAULT_TRAIN)[];
const ALL_FIELDS = Object.keys(BAD) as FieldKey[];
/** How the command line writes a value: text; lists comma-separated. */
const asFlag = (v: unknown): string => (Array.isArray(v) ? v.join(',') : String(v));

function refusal(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    assert.ok(isUserError(err), `a UserError, not ${String(err)}`);
    return (err as Error).message;
  }
  return assert.fail('was accepted');
}

test('defaults are applied once, when nothing is given', () => {
  assert.deepEqual(readTrainConfig({}, SETTING_NAMES), DEFAULT_TRAIN);
  assert.deepEqual(readRunSettings({}, FLAG_NAMES), { model: {}, train: DEFAULT_TRAIN, validationFraction: DEFAULT_VALIDATION_FRACTION });
  // a value that is given is kept, and only that one
  assert.deepEqual(readTrainConfig({ beta: 4, freeBits: 0.5 }, SETTING_NAMES), { ...DEFAULT_TRAIN, beta: 4, freeBits: 0.5 });
  assert.notEqual(readTrainConfig({}, SETTING_NAMES), DEFAULT_TRAIN, 'a fresh object: a caller may change it without changing the defaults');
});

test('every field refuses a bad setting, naming it as latentExplorer.<field> with the value and the allowed range', () => {
  for (const field of ALL_FIELDS) {
    for (const bad of BAD[field]) {
      const message = refusal(() => readRunSettings({ [field]: bad }, SETTING_NAMES));
      // ModelConfig.net is the setting latentExplorer.network
      const setting = field === 'net' ? 'network' : field;
      assert.ok(message.startsWith(`Setting latentExplorer.${setting} is ${JSON.stringify(bad)}; it must be `), `${field}=${JSON.stringify(bad)}: ${message}`);
      assert.match(message, /Fix it in settings\.json\.$/);
    }
  }
  assert.equal(refusal(() => readRunSettings({ beta: -1 }, SETTING_NAMES)), 'Setting latentExplorer.beta is -1; it must be a number ≥ 0. Fix it in settings.json.');
  assert.equal(refusal(() => readRunSettings({ batchSize: 0 }, SETTING_NAMES)), 'Setting latentExplorer.batchSize is 0; it must be an integer ≥ 1. Fix it in settings.json.');
  assert.equal(refusal(() => readRunSettings({ freeBits: 1001 }, SETTING_NAMES)), 'Setting latentExplorer.freeBits is 1001; it must be a number from 0 to 1000. Fix it in settings.json.');
});

test('every field refuses a bad flag, naming it as the flag is spelled (--batch, --lr, --free-bits …)', () => {
  const flags: Record<FieldKey, string> = {
    epochs: '--epochs', batchSize: '--batch', learningRate: '--lr', beta: '--beta', warmupEpochs: '--warmup', freeBits: '--free-bits',
    seed: '--seed', latentDim: '--latent', hidden: '--hidden', likelihood: '--likelihood', decoderScale: '--scale', validationFraction: '--validation',
    klSchedule: '--kl-schedule', klCycles: '--cycles', klRatio: '--ratio', model: '--model', iwaeK: '--k', net: '--net',
    codebookSize: '--codebook', codeDim: '--code-dim', commitment: '--commitment', ema: '--ema', gamma: '--gamma',
    codePrior: '--vq-prior', codePriorHidden: '--vq-prior-hidden', codePriorEpochs: '--vq-prior-epochs',
    prior: '--prior', priorComponents: '--prior-components', flow: '--flow', flowSteps: '--flow-steps', decoder: '--decoder',
  };
  for (const field of ALL_FIELDS) {
    // on a command line every value is text: "10" is a fine epoch count and "400" a fine list of one layer there
    for (const bad of BAD[field].filter((v) => typeof v !== 'string' && v !== null && !(field === 'hidden' && typeof v === 'number'))) {
      const message = refusal(() => readRunSettings({ [field]: asFlag(bad) }, FLAG_NAMES));
      assert.ok(message.startsWith(`${flags[field]} is ${asFlag(bad)}; it must be `), `${field}=${asFlag(bad)}: ${message}`);
    }
  }
  for (const [field, text] of [['epochs', 'zero'], ['beta', ''], ['seed', '3x'], ['hidden', '400,,200'], ['hidden', '400,abc']] as const) {
    assert.match(refusal(() => readRunSettings({ [field]: text }, FLAG_NAMES)), new RegExp(`^${flags[field]} is `), `${field}="${text}"`);
  }
});

test('flags are read from text: numbers, comma lists, "none" and "learned"', () => {
  const r = readRunSettings({ epochs: '3', beta: '0.5', seed: '-7', hidden: '400, 200', latentDim: '2', likelihood: 'gaussian', decoderScale: 'learned', validationFraction: '0' }, FLAG_NAMES);
  assert.deepEqual(r.train, { ...DEFAULT_TRAIN, epochs: 3, beta: 0.5, seed: -7 });
  assert.deepEqual(r.model, { hidden: [400, 200], latentDim: 2, likelihood: 'gaussian', decoderScale: 'learned' });
  assert.equal(r.validationFraction, 0);
  assert.deepEqual(readRunSettings({ hidden: 'none' }, FLAG_NAMES).model.hidden, []);
  assert.equal(readRunSettings({ decoderScale: '0.2' }, FLAG_NAMES).model.decoderScale, 0.2);
  // settings and manifests hold JSON: there, a number written as text is a mistake, not a number
  assert.match(refusal(() => readTrainConfig({ epochs: '10' }, SETTING_NAMES)), /latentExplorer\.epochs is "10"/);
});

test('every training field of a manifest is refused as training.<field>, with the file path', () => {
  const names = manifestNames('/models/m/manifest.json');
  for (const field of TRAIN_FIELDS) {
    for (const bad of BAD[field]) {
      const message = refusal(() => readTrainConfig({ ...DEFAULT_TRAIN, [field]: bad }, names));
      assert.ok(message.startsWith(`/models/m/manifest.json: training.${field} is ${JSON.stringify(bad)}; it must be `), message);
      assert.match(message, /not a usable Latent Explorer model\.$/);
    }
  }
});

test('an old manifest without freeBits or a KL schedule loads with free bits off and warm-up; any other missing training field is refused', () => {
  const names = manifestNames('/models/m/manifest.json');
  const { freeBits: _, klSchedule: _s, klCycles: _c, klRatio: _r, ...old } = { ...DEFAULT_TRAIN, beta: 4 };
  assert.deepEqual(readTrainConfig(old, names), { ...DEFAULT_TRAIN, beta: 4, freeBits: 0, klSchedule: 'warmup' });
  const optional = ['freeBits', 'klSchedule', 'klCycles', 'klRatio'];
  for (const field of TRAIN_FIELDS.filter((f) => !optional.includes(f))) {
    const { [field]: _gone, ...rest } = DEFAULT_TRAIN;
    assert.match(refusal(() => readTrainConfig(rest, names)), new RegExp(`training\\.${field} is missing`));
  }
});

test('the manifest reader uses the same validator: a bad training section is refused naming the file and field', () => {
  const manifest = {
    format: 'latent-explorer-model',
    version: 1,
    createdAt: '2026-01-01T00:00:00Z',
    updatedAt: '2026-01-01T00:00:00Z',
    status: 'completed',
    model: { kind: 'mlp-vae', inputShape: [8, 8, 1], hidden: [16], latentDim: 2, likelihood: 'bernoulli', decoderScale: 0.1 },
    training: { ...DEFAULT_TRAIN, beta: -1 },
  };
  const message = refusal(() => validateManifest(manifest, '/models/m/manifest.json'));
  assert.equal(message, '/models/m/manifest.json: training.beta is -1; it must be a number ≥ 0. This folder is not a usable Latent Explorer model.');
});

test('a job is checked whole (the side that built it applied the defaults) and names train.<field> / model.<field>', () => {
  const { freeBits: _, ...noBits } = DEFAULT_TRAIN;
  assert.match(refusal(() => readTrainConfig(noBits, JOB_NAMES)), /^Training job refused before anything was written: train\.freeBits is missing\.$/);
  assert.match(refusal(() => readRunSettings({ ...DEFAULT_TRAIN, batchSize: 0 }, JOB_NAMES)), /train\.batchSize is 0/);
  assert.match(refusal(() => readRunSettings({ ...DEFAULT_TRAIN, latentDim: 0 }, JOB_NAMES)), /model\.latentDim is 0/);
  assert.match(refusal(() => readRunSettings({ ...DEFAULT_TRAIN, validationFraction: 2 }, JOB_NAMES)), /validationFraction is 2/);
});

test("package.json's settings schema agrees with the validator: same defaults, same bounds", () => {
  const pkg = JSON.parse(readFileSync(join(__dirname, '../../../package.json'), 'utf8'));
  const props = pkg.contributes.configuration.properties as Record<string, Record<string, unknown>>;
  const setting = (f: string) => props[`latentExplorer.${f}`] ?? assert.fail(`latentExplorer.${f} is not contributed`);
  for (const field of TRAIN_FIELDS) {
    const s = setting(field);
    if (field === 'klSchedule') {
      assert.deepEqual([s.default, s.enum], [DEFAULT_TRAIN.klSchedule, [...KL_SCHEDULES]]);
      continue;
    }
    const rule = RULES.train[field];
    assert.equal(s.default, DEFAULT_TRAIN[field], `${field} default`);
    assert.equal(s.type, rule.integer ? 'integer' : 'number', `${field} type`);
    if (rule.aboveMin) assert.equal(s.exclusiveMinimum, rule.min, `${field} exclusiveMinimum`);
    else assert.equal(s.minimum, rule.min, `${field} minimum`);
    assert.equal(s.maximum, rule.max === Infinity ? undefined : rule.max, `${field} maximum`);
  }
  const latent = setting('latentDim');
  assert.deepEqual([latent.default, latent.minimum, latent.maximum], [DEFAULT_MODEL.latentDim, RULES.latentDim.min, RULES.latentDim.max]);
  const hidden = setting('hidden');
  const items = hidden.items as Record<string, unknown>;
  assert.deepEqual([hidden.default, hidden.maxItems, items.minimum, items.maximum], [DEFAULT_MODEL.hidden, RULES.maxHiddenLayers, RULES.hiddenSize.min, RULES.hiddenSize.max]);
  assert.deepEqual([setting('likelihood').default, setting('likelihood').enum], [DEFAULT_MODEL.likelihood, [...LIKELIHOODS]]);
  assert.deepEqual([setting('network').default, setting('network').enum], ['mlp', [...NETWORKS]]);
  for (const f of ['codebookSize', 'codeDim', 'commitment'] as const) {
    const v = setting(f);
    assert.deepEqual([v.default, v.minimum, v.maximum, v.type], [DEFAULT_VQ[f], RULES[f].min, RULES[f].max, RULES[f].integer ? 'integer' : 'number'], f);
  }
  assert.deepEqual([setting('ema').type, setting('ema').default], ['boolean', false]);
  // the VQ-VAE's prior over code grids: autoregressive by default, as the CLI's --vq-prior
  assert.deepEqual([setting('codePrior').default, setting('codePrior').enum], ['ar', [...CODE_PRIORS]]);
  for (const f of ['codePriorHidden', 'codePriorEpochs'] as const) {
    const v = setting(f);
    const fallback = f === 'codePriorHidden' ? DEFAULT_CODE_PRIOR.hidden : DEFAULT_CODE_PRIOR.epochs;
    assert.deepEqual([v.default, v.minimum, v.maximum, v.type], [fallback, RULES[f].min, RULES[f].max, 'integer'], f);
  }
  const gamma = setting('gamma');
  assert.deepEqual([gamma.default, gamma.minimum, gamma.maximum, gamma.type], [DEFAULT_VAEGAN.gamma, RULES.gamma.min, RULES.gamma.max, 'number']);
  const vf = setting('validationFraction');
  assert.deepEqual([vf.default, vf.minimum, vf.maximum], [DEFAULT_VALIDATION_FRACTION, RULES.validationFraction.min, RULES.validationFraction.max]);
});

test('the KL schedule and the model variant are read from settings and flags, and named as each spells them', () => {
  const flags = readRunSettings({ klSchedule: 'cyclical', klCycles: '3', klRatio: '0.25', model: 'iwae', iwaeK: '8' }, FLAG_NAMES);
  assert.deepEqual(flags.train, { ...DEFAULT_TRAIN, klSchedule: 'cyclical', klCycles: 3, klRatio: 0.25 });
  assert.deepEqual(flags.model, { model: 'iwae', iwaeK: 8 });
  const settings = readRunSettings({ klSchedule: 'cyclical', klCycles: 2, klRatio: 1, model: 'cvae' }, SETTING_NAMES);
  assert.deepEqual([settings.train.klSchedule, settings.train.klCycles, settings.train.klRatio, settings.model.model], ['cyclical', 2, 1, 'cvae']);
  assert.equal(
    refusal(() => readRunSettings({ klSchedule: 'linear' }, SETTING_NAMES)),
    'Setting latentExplorer.klSchedule is "linear"; it must be one of warmup, cyclical. Fix it in settings.json.',
  );
  assert.equal(refusal(() => readRunSettings({ klRatio: 0 }, SETTING_NAMES)), 'Setting latentExplorer.klRatio is 0; it must be a number > 0 and ≤ 1. Fix it in settings.json.');
  assert.match(refusal(() => readRunSettings({ model: 'vq' }, FLAG_NAMES)), /^--model is vq; it must be one of vae, cvae, iwae, vqvae/);
  const vq = readRunSettings({ model: 'vqvae', codebookSize: '128', codeDim: '8', commitment: '0.5', ema: true }, FLAG_NAMES);
  assert.deepEqual(vq.model, { model: 'vqvae', codebookSize: 128, codeDim: 8, commitment: 0.5, ema: true });
  assert.equal(refusal(() => readRunSettings({ codebookSize: '1' }, FLAG_NAMES)), '--codebook is 1; it must be an integer from 2 to 4096 (see latent-explorer train --help)');
  assert.equal(refusal(() => readRunSettings({ ema: 'yes' }, SETTING_NAMES)), 'Setting latentExplorer.ema is "yes"; it must be true or false. Fix it in settings.json.');
  assert.match(refusal(() => readRunSettings({ klCycles: '0' }, FLAG_NAMES)), /^--cycles is 0; it must be an integer from 1 to 1000/);
});

test('the network is read from the setting latentExplorer.network and the flag --net, and named as each spells it', () => {
  assert.equal(readRunSettings({ net: 'conv' }, SETTING_NAMES).model.net, 'conv');
  assert.equal(readRunSettings({ net: 'mlp' }, FLAG_NAMES).model.net, 'mlp');
  assert.equal(readRunSettings({}, FLAG_NAMES).model.net, undefined);
  assert.equal(refusal(() => readRunSettings({ net: 'cnn' }, SETTING_NAMES)), 'Setting latentExplorer.network is "cnn"; it must be one of mlp, conv. Fix it in settings.json.');
  assert.equal(refusal(() => readRunSettings({ net: 'cnn' }, FLAG_NAMES)), '--net is cnn; it must be one of mlp, conv (see latent-explorer train --help)');
  assert.match(refusal(() => readRunSettings({ ...DEFAULT_TRAIN, net: 'cnn' }, JOB_NAMES)), /model\.net is "cnn"/);
});
