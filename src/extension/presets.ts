// Train VAE on Folder…'s model choice: a QuickPick of presets (the variants and networks of the seed guide), each
// with a "Customise…" button that asks for the key settings one InputBox at a time. Each box checks its text with
// the one validator (shared/trainConfig) the settings, the CLI and the manifests use. A preset overrides only the
// fields it names; everything else comes from the settings, as before.
import * as vscode from 'vscode';
import { DEFAULT_CODE_PRIOR } from '../shared/codePrior';
import { readRunSettings, type FieldKey, type FieldNames } from '../shared/trainConfig';
import { DEFAULT_CONV_HIDDEN, DEFAULT_FLOW_STEPS, DEFAULT_IWAE_K, DEFAULT_PRIOR_COMPONENTS, DEFAULT_VAEGAN, DEFAULT_VQ } from '../shared/types';
import { isUserError } from '../shared/userError';
import { localiseError } from './localiseError';
import type { TrainOverrides } from './training';

export interface Preset {
  label: string;
  detail: string;
  overrides: TrainOverrides;
}

export const PRESETS: readonly Preset[] = [
  { label: 'MLP VAE', detail: vscode.l10n.t('Dense encoder and decoder (latentExplorer.hidden): the seed guide’s VAE.'), overrides: { model: 'vae', net: 'mlp' } },
  {
    label: 'Conv VAE',
    detail: vscode.l10n.t('Stride-2 convolutions, then a dense layer of 256: sharper images than an MLP.'),
    overrides: { model: 'vae', net: 'conv', hidden: [...DEFAULT_CONV_HIDDEN] },
  },
  { label: 'Conditional VAE', detail: vscode.l10n.t('Conditioned on the label (one subfolder per class): sample a chosen class.'), overrides: { model: 'cvae' } },
  { label: 'IWAE', detail: vscode.l10n.t('Trained on the importance-weighted bound with k = {0} samples: a tighter bound than the ELBO.', DEFAULT_IWAE_K), overrides: { model: 'iwae', iwaeK: DEFAULT_IWAE_K } },
  {
    label: 'VQ-VAE',
    detail: vscode.l10n.t('Discrete codes: a conv encoder to a grid, each cell replaced by its nearest of K = {0} codebook vectors (latentExplorer.codebookSize, codeDim, commitment, ema).', DEFAULT_VQ.codebookSize),
    overrides: { model: 'vqvae', net: 'conv' },
  },
  {
    label: 'VAE-GAN',
    detail: vscode.l10n.t('Against blurriness: the conv VAE and a discriminator whose features measure the reconstruction, trained adversarially (Larsen et al. 2016; latentExplorer.gamma = {0}).', DEFAULT_VAEGAN.gamma),
    overrides: { model: 'vaegan', net: 'conv', hidden: [...DEFAULT_CONV_HIDDEN] },
  },
  {
    label: 'VAE + VampPrior',
    detail: vscode.l10n.t('A learned prior: the mixture of the encoder’s posteriors at K = {0} learned pseudo-inputs (Tomczak & Welling 2018); KL by Monte Carlo.', DEFAULT_PRIOR_COMPONENTS.vamp),
    overrides: { model: 'vae', prior: 'vamp', priorComponents: DEFAULT_PRIOR_COMPONENTS.vamp },
  },
  {
    label: 'VAE + IAF',
    detail: vscode.l10n.t('A richer posterior: {0} inverse autoregressive flow steps on the encoder’s Gaussian (Kingma et al. 2016); KL by Monte Carlo.', DEFAULT_FLOW_STEPS.iaf),
    overrides: { model: 'vae', flow: 'iaf', flowSteps: DEFAULT_FLOW_STEPS.iaf },
  },
  {
    label: 'VAE + PixelCNN decoder',
    detail: vscode.l10n.t('An autoregressive decoder (7 masked conv layers) strong enough to ignore z: posterior collapse, unless free bits or a KL warm-up hold the code open. Gray images up to 32×32; samples drawn pixel by pixel.'),
    overrides: { model: 'vae', decoder: 'pixelcnn', likelihood: 'bernoulli' },
  },
  { label: 'β-VAE (β = 4)', detail: vscode.l10n.t('A heavier KL weight: more disentangled, blurrier.'), overrides: { model: 'vae', beta: 4 } },
];

/** The settings "Customise…" asks for, in order; k only for an IWAE, the codebook and its prior only for a VQ-VAE. */
const CUSTOMISE: { field: FieldKey & keyof TrainOverrides; prompt: string; when?: (o: TrainOverrides) => boolean }[] = [
  { field: 'epochs', prompt: vscode.l10n.t('Epochs') },
  // a VQ-VAE's latent is its code grid and it has no KL weight: it asks for its codebook instead
  { field: 'latentDim', prompt: vscode.l10n.t('Latent size (dimensions of z)'), when: (o) => o.model !== 'vqvae' },
  { field: 'beta', prompt: vscode.l10n.t('KL weight β (1 = the plain ELBO)'), when: (o) => o.model !== 'vqvae' },
  { field: 'codebookSize', prompt: vscode.l10n.t('Codebook size K (number of codes)'), when: (o) => o.model === 'vqvae' },
  { field: 'codeDim', prompt: vscode.l10n.t('Code vector size D'), when: (o) => o.model === 'vqvae' },
  { field: 'codePrior', prompt: vscode.l10n.t('Prior over codes for samples: ar (autoregressive, fitted after the epochs) or uniform'), when: (o) => o.model === 'vqvae' },
  { field: 'codePriorEpochs', prompt: vscode.l10n.t('Epochs of the autoregressive code prior'), when: (o) => o.model === 'vqvae' && o.codePrior !== 'uniform' },
  { field: 'gamma', prompt: vscode.l10n.t('γ: weight of the reconstruction against the GAN loss in the decoder'), when: (o) => o.model === 'vaegan' },
  { field: 'iwaeK', prompt: vscode.l10n.t('Importance samples k of the IWAE objective'), when: (o) => o.model === 'iwae' },
  { field: 'klSchedule', prompt: vscode.l10n.t('KL schedule: warmup or cyclical') },
  { field: 'priorComponents', prompt: vscode.l10n.t('Prior components K (mixture components or pseudo-inputs)'), when: (o) => o.prior === 'mog' || o.prior === 'vamp' },
  { field: 'flowSteps', prompt: vscode.l10n.t('Flow steps N'), when: (o) => o.flow === 'planar' || o.flow === 'iaf' },
];

/**
 * The line a preset shows under its label. A VQ-VAE's prior over codes is not the preset's to choose (the setting
 * latentExplorer.codePrior is, 'ar' by default), so its line says which prior this run will fit, from `current`.
 */
export function presetDetail(preset: Preset, current: TrainOverrides): string {
  if (preset.overrides.model !== 'vqvae') return preset.detail;
  const prior =
    current.codePrior === 'uniform'
      ? vscode.l10n.t('Samples: every cell drawn uniformly from the K codes (latentExplorer.codePrior is uniform).')
      : vscode.l10n.t('Samples: from a small autoregressive prior over the code grids (a MADE), fitted for {0} epochs after training (latentExplorer.codePrior).', current.codePriorEpochs ?? DEFAULT_CODE_PRIOR.epochs);
  return `${preset.detail} ${prior}`;
}

// an InputBox's text is a value as a command line writes it; its error names the box
const BOX_NAMES = (prompt: string): FieldNames => ({ name: () => prompt, explain: (problem) => problem, text: true });

/** The box's text as the value the validator reads, or its message naming the problem. */
export function readCustomValue(field: FieldKey, prompt: string, text: string): { value: unknown } | { error: string } {
  try {
    const run = readRunSettings({ [field]: text }, BOX_NAMES(prompt));
    const value = (run.model as Record<string, unknown>)[field] ?? (run.train as unknown as Record<string, unknown>)[field];
    return { value };
  } catch (err) {
    if (isUserError(err)) return { error: localiseError(err.message) };
    throw err;
  }
}

/** One InputBox per key setting, prefilled with the current choice; undefined when the person escapes. */
async function customise(preset: Preset, current: TrainOverrides): Promise<TrainOverrides | undefined> {
  const out: TrainOverrides = { ...current, ...preset.overrides };
  for (const step of CUSTOMISE) {
    if (step.when && !step.when(out)) continue;
    const shown = out[step.field];
    const text = await vscode.window.showInputBox({
      title: vscode.l10n.t('{0}: customise', preset.label),
      prompt: step.prompt,
      value: shown === undefined ? '' : String(shown),
      validateInput: (t) => {
        const r = readCustomValue(step.field, step.prompt, t);
        return 'error' in r ? r.error : undefined;
      },
    });
    if (text === undefined) return undefined;
    const r = readCustomValue(step.field, step.prompt, text);
    if ('value' in r) (out as Record<string, unknown>)[step.field] = r.value;
  }
  return out;
}

/**
 * The preset a person picks (Enter: as it is; the gear button: customise it first), as trainOnFolder's overrides;
 * undefined when they escape. `current`: the settings' values the customise boxes start from.
 */
export function choosePreset(current: TrainOverrides): Promise<TrainOverrides | undefined> {
  const pick = vscode.window.createQuickPick<vscode.QuickPickItem & { preset: Preset }>();
  const gear: vscode.QuickInputButton = { iconPath: new vscode.ThemeIcon('gear'), tooltip: vscode.l10n.t('Customise…') };
  pick.title = vscode.l10n.t('Model to train');
  pick.placeholder = vscode.l10n.t('Enter trains the preset with your settings; the gear customises it first');
  pick.items = PRESETS.map((preset) => ({ label: preset.label, detail: presetDetail(preset, current), buttons: [gear], preset }));
  return new Promise((resolve) => {
    let settled = false;
    const finish = (value: TrainOverrides | undefined | Promise<TrainOverrides | undefined>) => {
      if (settled) return;
      settled = true;
      pick.hide();
      resolve(value);
    };
    pick.onDidAccept(() => {
      const item = pick.selectedItems[0];
      finish(item ? { ...item.preset.overrides } : undefined);
    });
    pick.onDidTriggerItemButton((e) => finish(customise(e.item.preset, current)));
    pick.onDidHide(() => {
      finish(undefined);
      pick.dispose();
    });
    pick.show();
  });
}
