// A VAE-GAN's own section: the discriminator's and the decoder's GAN losses and the feature-matching error per epoch
// (a chart and its table), and the sharpness of its samples and reconstructions against the data's. Hidden for
// other models.
import { section } from './section';

export const adversarial = section(
  'adversarial',
  { section: 'gan', heading: 'gan-h', canvas: 'gan-loss', legend: 'gan-legend', table: 'gan-table', sharpness: 'gan-sharpness' },
  (id) => `<section id="${id.section}" aria-labelledby="${id.heading}" hidden><h2 id="${id.heading}">Adversarial training <small>(VAE-GAN, nats per image)</small></h2>
<p class="note">The discriminator learns to tell data from the decoder’s reconstructions and prior samples; the decoder learns to fool it, and the reconstruction is also measured on the discriminator’s features. The seed guide’s remedy for blurry samples: compare the sharpness below with the data’s.</p>
<canvas id="${id.canvas}" width="640" height="200" role="img" aria-label="Discriminator and generator losses per epoch (the table below holds the values)"></canvas><div id="${id.legend}" class="legend"></div>
<p id="${id.sharpness}" class="note" aria-live="polite"></p>
<details class="as-table"><summary>Show as table</summary><table id="${id.table}"></table></details></section>`,
);
