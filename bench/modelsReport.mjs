// MODELS.md's table from the raw figures bench/models.mjs keeps (out/bench/models.json): pure text, unit-tested.

const f1 = (x) => (x === null || x === undefined || !Number.isFinite(x) ? '—' : x.toFixed(1));
const f0 = (x) => (x === null || x === undefined || !Number.isFinite(x) ? '—' : Math.round(x).toLocaleString('en-US'));
const f3 = (x) => (x === null || x === undefined || !Number.isFinite(x) ? '—' : x.toFixed(4));
const pct = (x) => (x === null || x === undefined ? '—' : `${(100 * x).toFixed(0)}%`);

/** A planted row's required verdict and whether the measured one is it ("partial: holds"); blank for other rows. */
function planted(row, o) {
  if (!row.planted) return '';
  const want = row.planted.join(' or ');
  return `${want}: ${row.planted.includes(o.collapse) ? 'holds' : `**does not hold** (${o.collapse ?? 'no verdict'})`}`;
}

export function renderModels(rows, stored) {
  const measured = rows.filter((r) => stored[r.id]);
  const lines = [
    '## Model family I on Fashion-MNIST (`npm run bench:models`)',
    '',
    'Every row trains on all 60 000 training images at the same budget (latent 20, batch 128, Adam 1e-3, seed 1,',
    'Bernoulli likelihood) and is evaluated on the test images with `latent-explorer eval`: −ELBO, its reconstruction',
    'term (−E log p(x|z), nats per image: the reconstruction error) and the collapse verdict over all 10 000; the',
    'IWAE bound L_k (k = 1 000, higher is better) on the first test images (the same images for every row and peer,',
    'so rows compare pairwise). Samples/s: the median epoch\'s training throughput. PyTorch peers (same network,',
    'same objective, one thread, `bench/peers/pytorch_models.py`) ran in the same invocation right after our row.',
    'The quality columns do not depend on the machine; samples/s does, and each row states the load average it ran',
    'under (below): on a shared machine compare speed in BENCHMARKS.md, which is measured for that purpose.',
    'Sharpness of samples: the variance of the Laplacian of 1 000 prior samples (the decoder\'s means), by',
    '`latent-explorer metrics --json` on the test images, which also gives the test images\' own in parentheses (higher',
    'is sharper; blurry VAE samples score below the data). Rows measured before the column existed show —.',
    'Planted rows train on their own budget (named in the row) and must produce the verdict in the last column.',
    '',
    '| model | engine | epochs | test −ELBO | recon. | KL | IWAE L_1000 | active units | collapse | sharpness of samples (data) | samples/s | planted verdict |',
    '|---|---|---|---|---|---|---|---|---|---|---|---|',
  ];
  for (const r of measured) {
    const s = stored[r.id];
    const o = s.ours;
    const latent = o.latent ?? 20;
    const collapse = o.collapse ? `${o.collapse}${o.collapsedDims === null || o.collapsedDims === undefined ? '' : ` (${o.collapsedDims}/${latent} collapsed)`}` : '—';
    const sharp = o.sharpness ? `${f3(o.sharpness.samples)} (${f3(o.sharpness.data)})` : '—';
    lines.push(`| ${r.title} | Latent Explorer | ${s.settings.epochs} | ${f1(o.negElbo)} | ${f1(o.recon)} | ${f1(o.kl)} | ${f1(o.iwaeBound)} (n = ${s.settings.evalN}) | ${o.activeUnits}/${latent} | ${collapse} | ${sharp} | ${f0(o.samplesPerSec)} | ${planted(r, o)} |`);
    if (s.peer) {
      const p = s.peer;
      lines.push(`| ${r.title} | PyTorch ${p.torch} | ${s.settings.epochs} | ${f1(p.negElbo)} | ${f1(p.recon)} | ${f1(p.kl)} | ${f1(p.iwaeBound)} (n = ${s.settings.evalN}) | ${p.activeUnits}/${latent} | — | — | ${f0(p.samplesPerSec)} | |`);
    }
  }
  const cvae = measured.find((r) => r.cvae && stored[r.id].ours.perLabel);
  if (cvae) {
    const c = stored[cvae.id].ours.perLabel;
    lines.push('', `### CVAE: are the samples of a label that label?`, '');
    lines.push(`200 samples per label (\`sample --label\`, the likelihood's mean) classified by ${c.classifier} trained on the real`);
    lines.push(`training images (test accuracy ${pct(c.testAccuracy)}); the share classified as the label asked for:`, '');
    const names = Object.keys(c.perLabel);
    lines.push(`| label | ${names.join(' | ')} | mean |`, `|---|${names.map(() => '---|').join('')}---|`);
    const values = names.map((n) => c.perLabel[n]);
    lines.push(`| accuracy | ${values.map(pct).join(' | ')} | ${pct(values.reduce((a, b) => a + b, 0) / values.length)} |`);
  }
  if (measured.some((r) => r.planted)) {
    lines.push('', '### Planted collapse cases', '');
    lines.push('Issue 11\'s planted cases at full size (the unit suite has them small: `test/unit/engine/plantedCollapse.test.ts`).');
    lines.push('The verdict is `src/shared/collapse.ts`\'s, the one `eval --json` and the panel state: a dimension under 0.01 nats of');
    lines.push('KL has collapsed; *partial* when some have and the rest carry information, *full* when none is used or all together');
    lines.push('carry under 1 nat. It reads a trained model: the unused dimensions of a short run still sit a little above 0.01 nats');
    lines.push('on their way down, which is why the latent-64 row trains for 300 epochs. Its verdict is measured on the test images,');
    lines.push('which the 500 training images do not include.');
  }
  lines.push('', '### How each row was measured', '');
  for (const r of measured) {
    const s = stored[r.id];
    lines.push(`- **${r.id}** (${s.date}, load average ${s.load.start.toFixed(1)} → ${s.load.end.toFixed(1)}):`);
    for (const c of [...s.ours.commands, ...(s.peer ? [s.peer.command] : [])]) lines.push(`  \`${c}\``);
  }
  const missing = rows.filter((r) => !stored[r.id]);
  if (missing.length) lines.push('', `Not measured yet: ${missing.map((r) => r.id).join(', ')}.`);
  return lines.join('\n') + '\n';
}
