// The PixelCNN section of MODELS.md, rendered from bench/pixelcnn.json (the raw figures bench/pixelcnn.mjs keeps per
// row): one table line per measured row with its own budget, date and load, the planted verdict it must produce and
// whether it holds, and the PyTorch twin's agreement with the plain row when both ran at the same budget. Pure: no
// files, so bench/pixelcnnReport.test.mjs checks it on made-up rows.

export const BEGIN = '<!-- bench/pixelcnn.mjs: begin -->';
export const END = '<!-- bench/pixelcnn.mjs: end -->';

/** The rows in table order: id, title (from the row's settings), the verdict the planted case must produce. */
export const ROWS = [
  { id: 'plain', title: () => 'PixelCNN decoder, β = 1, no remedy', planted: 'full' },
  // the same model trained longer: the KL first trickles through most dimensions and concentrates only later
  { id: 'long', title: (s) => `PixelCNN decoder, β = 1, no remedy, trained ${s.epochs} epochs`, planted: 'full' },
  { id: 'freebits', title: (s) => `PixelCNN decoder + free bits λ = ${s.freeBits}`, planted: 'rescued' },
  { id: 'warmup', title: (s) => `PixelCNN decoder + KL warm-up (${s.warmup} epoch${s.warmup === 1 ? '' : 's'})`, planted: 'rescued' },
  { id: 'conv', title: () => 'conv VAE (reference network), same binarised data', planted: null },
  { id: 'twin', title: () => 'PyTorch twin of the PixelCNN row, β = 1, no remedy', planted: 'full' },
];

const f = (v, d) => (typeof v === 'number' && Number.isFinite(v) ? v.toFixed(d) : '—');
const when = (iso) => iso.slice(0, 16).replace('T', ' ');

/**
 * Planted: plain (and its twin) → collapse, "full or nearly: ≤ 2 active units of 32" as issue 11 words it — the verdict
 * full, or at most 2 dimensions active by Burda's count and by the KL count; a remedy → rescued: not full, more than
 * half the dimensions used.
 */
export function plantedHolds(planted, r) {
  if (planted === 'full') {
    if (r.verdict === 'full') return 'holds (full)';
    const nearly = r.activeUnits <= 2 && r.usedDims <= 2;
    return `${nearly ? 'holds' : 'does not hold'} (${r.verdict}, ${r.activeUnits} active, ${r.usedDims} of ${r.latentDim} dims used)`;
  }
  if (planted === 'rescued') {
    const ok = r.verdict !== 'full' && r.usedDims > r.latentDim / 2;
    return `${ok ? 'holds' : 'does not hold'} (${r.verdict}, ${r.usedDims} of ${r.latentDim} dims used)`;
  }
  return '—';
}

/** The training budget of a row in one cell. */
export function budgetOf(s) {
  return `${s.limit} × ${s.epochs} ep, batch ${s.batch}, lr ${s.lr}`;
}

const sameBudget = (a, b) => ['limit', 'epochs', 'batch', 'lr', 'testLimit', 'k', 'boundN'].every((k) => a[k] === b[k]);

/** The section (between the markers) for the stored rows. */
export function renderPixelcnn(stored) {
  const rows = ROWS.filter((r) => stored[r.id]).map((r) => ({ ...r, ...stored[r.id], title: r.title(stored[r.id].settings) }));
  const missing = ROWS.filter((r) => !stored[r.id]).map((r) => r.id);
  const dataSharp = rows.find((r) => r.sharpness?.data !== undefined)?.sharpness.data;
  const s0 = rows[0]?.settings;
  const table = `| model | budget (images × epochs) | log p(x) ≥ L_k (k, images) | −ELBO (recon + KL) | active units / KL-used dims | verdict | sharpness of samples | samples/s | planted verdict |
|---|---|---|---|---|---|---|---|---|
${rows
  .map((r) => `| ${r.title} | ${budgetOf(r.settings)} | ${f(r.iwae, 1)} (${r.settings.k}, ${r.settings.boundN}) | ${f(r.negElbo, 1)} (${f(r.recon, 1)} + ${f(r.kl, 2)}) | ${r.activeUnits} / ${r.usedDims} of ${r.latentDim} | ${r.verdict} | ${r.sharpness ? f(r.sharpness.samples, 4) : '—'} | ${f(r.samplesPerSec, 0)} | ${plantedHolds(r.planted, r)} |`)
  .join('\n')}`;
  const measured = rows.map((r) => `- ${r.id}: ${when(r.date)} UTC, load ${f(r.load.start, 1)} → ${f(r.load.end, 1)}, ${r.priority}`).join('\n');
  const plain = rows.find((r) => r.id === 'plain');
  const tw = rows.find((r) => r.id === 'twin');
  let twin = '';
  if (plain && tw) {
    twin = sameBudget(plain.settings, tw.settings)
      ? `\nThe PyTorch twin (bench/peers/pytorch_pixelcnn.py, torch ${tw.torch}, 1 thread; test/unit/engine/pixelcnnTorchTwin.test.ts checks
it computes our μ, log σ² and log p(x|z) from our weights and starts from the same init rules) trained the plain row's
network at the same budget with its own shuffling and noise: −ELBO ${f(tw.negElbo, 1)} against ours ${f(plain.negElbo, 1)} nats
(${f((100 * (tw.negElbo - plain.negElbo)) / plain.negElbo, 1)} %), bound ${f(tw.iwae, 1)} against ${f(plain.iwae, 1)}, training ${f(tw.samplesPerSec / plain.samplesPerSec, 2)}× our speed.\n`
      : `\nThe PyTorch twin and the plain row were measured at different budgets (${budgetOf(tw.settings)} against ${budgetOf(plain.settings)}): no agreement figure.\n`;
  }
  return `${BEGIN}
### PixelCNN decoder: the planted collapse and its remedies (\`node bench/pixelcnn.mjs\`; each row's command, phase times and raw figures in \`bench/pixelcnn.md\` and \`bench/pixelcnn.json\`)

Measured (1-minute load average before → after; 2 cores, shared machine; samples/s compare within a row's run):

${measured || '- no row yet'}

Data: Fashion-MNIST at 28×28, binarised (pixel ≥ 128 → 1), the first training images of each row's budget; test
figures on the first ${s0?.testLimit ?? '—'} test images. Every row: latent 32, hidden 256, Bernoulli, seed 1, no validation split,
every process (ours and the twin) on one OpenBLAS thread. PixelCNN rows: MLP encoder 784-256-(μ, log σ²) and the
PixelCNN decoder (src/shared/networks/pixelcnn.ts: 7×7 mask A, five residual 3×3 mask B layers of 32 channels, 1×1 out,
z as a per-channel bias in every hidden layer; 7 layers, receptive field 8 rows up and 8 columns either side). The
conv VAE row: the reference conv network (conv stages, dense 256) and its mirrored decoder. Active units after Burda
et al. (Var_x μ_i > 0.01); KL-used dims are those over 0.01 nats; the verdict is \`eval --json\`'s \`collapse\`
(src/shared/collapse.ts: full when the whole code carries under 1 nat). Planted: the decoder without a remedy must
collapse, fully or nearly (issue 11: at most 2 active units of 32); a remedy must rescue it (not full, most dimensions
used). The long row is the plain row trained longer: how the code is used epoch by epoch is in \`bench/pixelcnn.md\`. Sharpness is the variance of the Laplacian of
${s0?.samples ?? '—'} prior samples (\`metrics --compare\`): a PixelCNN's samples are binary draws, pixel by pixel, the conv VAE's
its mean images E[x|z], so the two differ in kind; the binarised test images score ${f(dataSharp, 4)}. Samples/s:
training, median over epochs.

${table}
${missing.length ? `\nNot measured yet: ${missing.join(', ')}.\n` : ''}${twin}${END}`;
}

/** bench/pixelcnn.md's part after the section: per row, the bench invocation, the commands it ran, each phase's wall seconds. */
export function renderDetails(stored) {
  const lines = ROWS.filter((r) => stored[r.id]).map((r) => {
    const s = stored[r.id];
    const phases = Object.entries(s.phases).map(([name, sec]) => `${name} ${f(sec, 1)} s`).join(', ');
    // how the code was used as training went on (our rows only): epoch: training KL (nats), active units, KL-used dims
    const path = s.trajectory ? `\nTraining, per epoch (KL nats / active units / KL-used dims): ${s.trajectory.map(([e, kl, au, used]) => `${e}: ${f(kl, 2)} / ${au} / ${used}`).join('; ')}.\n` : '';
    return `## ${r.id}\n\n\`${s.bench}\` (${when(s.date)} UTC): ${phases}.\n\n${s.commands.map((c) => `    ${c}`).join('\n')}\n${path}`;
  });
  return `Per row: how it was measured and how long each phase took (wall seconds).\n\n${lines.join('\n')}`;
}

/** MODELS.md with this section put between its markers (appended the first time), other sections kept. */
export function spliceSection(md, section) {
  const at = md.indexOf(BEGIN);
  return at >= 0 ? md.slice(0, at) + section + md.slice(md.indexOf(END) + END.length) : `${md.trimEnd()}\n\n${section}\n`;
}
