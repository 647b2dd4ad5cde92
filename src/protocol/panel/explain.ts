// "What am I looking at?": one short note per panel section, tied to the seed guide's concept, closed by default.
// Plain text paragraphs (no markup inside), so each paragraph is one key of the l10n bundle.

const NOTES: Record<string, string[]> = {
  overview: [
    'A VAE learns a latent variable model: the encoder q(z|x) maps an image x to an approximate posterior N(μ(x), σ²(x)) over the latent variable z, and the decoder p(x|z) maps a z back to an image. The prior p(z) is N(0, I).',
    'Training maximises the ELBO (evidence lower bound). An IWAE-trained model maximises a tighter bound built from k importance samples; with k = 1 it is the ELBO. Evaluate Model estimates −log p(x) with the IWAE bound (k = 100), at least as tight as the ELBO.',
  ],
  curves: [
    'The ELBO: log p(x) ≥ E_q(z|x)[log p(x|z)] − KL(q(z|x) ‖ p(z)). The loss is its negative, −ELBO = reconstruction error + KL, in nats per image.',
    'The reconstruction term says how well the decoder rebuilds x from z; the KL term (the regulariser) pulls the approximate posterior towards the prior. Validation −ELBO rising while training −ELBO falls means overfitting.',
  ],
  reconstructions: [
    'Each input is encoded to μ(x) and decoded again: the reconstruction error is −log p(x|z) under the decoder’s likelihood (Bernoulli: cross-entropy; Gaussian: squared error; Laplace: absolute error).',
    'A VAE trained on normal data rebuilds unusual images badly, so the reconstruction error is an anomaly score: “worst reconstructed first” lists the anomaly candidates.',
  ],
  samples: [
    'Samples from the prior: z ∼ N(0, I) decoded by p(x|z). They look like the data only where the prior and the encoded data agree; blurry samples are typical of a Gaussian or per-pixel likelihood.',
    'Training samples z from q(z|x) with the reparameterisation trick, z = μ + σ ⊙ ε with ε ∼ N(0, I), so gradients flow through μ and σ. Temperature scales the prior’s spread here: below 1 gives safer, less varied samples.',
  ],
  prior: [
    'The prior p(z) need not be N(0, I). A mixture of Gaussians (MoG) learns K means, variances and weights π_k with the VAE; the VampPrior (Tomczak and Welling 2018) is 1/K Σ_k q(z|u_k), the encoder’s own posterior at K learned pseudo-inputs u_k, so the prior follows where the encoder puts the data. Either can fill the gaps of N(0, I) that no image encodes to (the prior hole).',
    'Each row samples one component alone: a component whose samples look like one kind of image is a mode of the prior. The KL to a mixture has no closed form, so training estimates it by Monte Carlo.',
  ],
  flow: [
    'A normalizing flow makes the approximate posterior richer than a diagonal Gaussian: z_0 ∼ q_0(z|x) = N(μ, σ²) is pushed through invertible maps z_K = f_K ∘ … ∘ f_1(z_0) (planar flows, Rezende and Mohamed 2015; IAF, Kingma et al. 2016), and log q(z_K|x) = log q_0(z_0) − Σ_k log |det ∂f_k/∂z_k−1|.',
    'The two plots show the same samples before and after the flow: if the cloud after it bends, tilts or leaves the Gaussian’s ellipses, the flow is doing something a diagonal Gaussian could not.',
  ],
  conditional: [
    'A conditional VAE (CVAE) gives the label y to the encoder and the decoder: q(z|x, y) and p(x|z, y). Each column is one z decoded under every label, so the label’s effect is visible.',
    'If every row of a column looks the same, the decoder is ignoring the label: z carries the class instead (likelier with a large latent size).',
  ],
  codebook: [
    'A VQ-VAE (van den Oord et al. 2017) has discrete latents: the encoder writes a grid of vectors z_e, and each is replaced by its nearest code vector e_k of a learned codebook. The decoder reads that quantised grid. Gradients skip the non-differentiable lookup (the straight-through estimator); a codebook term pulls the codes towards the encoder outputs and a commitment term (weight β) keeps the encoder near its codes.',
    'There is no Gaussian posterior and no KL per dimension: q(z|x) picks one code per cell. With a uniform prior over the K codes the bound log p(x) ≥ E[log p(x|z_q)] − (cells) · log K holds, and that is the −ELBO the loss curves show. After its epochs, training fits a small autoregressive prior p(c) = Π_i p(c_i | c_1, …, c_i−1) to the training images’ code grids (cells in raster order); samples draw their grids from it, cell by cell. A model without one (trained with --vq-prior uniform or the setting latentExplorer.codePrior uniform, or before the prior existed) draws every cell uniformly and independently, so its samples look less like the data than the reconstructions.',
    'Codebook collapse: codes no encoder output is near stop learning and go unused (dead codes, marked in red). Perplexity counts the codes in effective use. This model starts its codebook from encoder outputs (k-means++) and restarts dead codes onto encoder outputs; with the textbook initialisation most codes die.',
  ],
  adversarial: [
    'A VAE-GAN (Larsen et al. 2016) adds a discriminator D to the VAE. D learns to tell data x from reconstructions x̃ and from decoded prior samples x_p; the decoder learns to make D take them for data (the GAN loss).',
    'The reconstruction is also measured on D’s features, ½‖Dis_l(x) − Dis_l(x̃)‖²: features that respond to edges punish a blurred edge more than the per-pixel likelihood does. Each network has its own loss and optimiser: the encoder KL + reconstruction, the decoder γ·reconstruction + GAN loss, D telling the images apart.',
    'A discriminator loss near 3·log 2 ≈ 2.08 nats with D(x) ≈ D(x_p) ≈ ½ means D cannot tell them apart; a loss falling towards 0 means D has won and the decoder learns little from it. Sharpness is the variance of the Laplacian: blurry images score well below the data; a score above the data’s can be a high-frequency texture rather than detail.',
  ],
  jobSamples: [
    'An autoregressive decoder models p(x|z) = Π_i p(x_i | x_1, …, x_{i−1}, z): each pixel depends on the pixels before it (raster order) and on z. Training reads all pixels at once (the true image is known), but a sample must be drawn one pixel at a time, each a pass of the network, so the job process draws them and this page shows its progress.',
    'This PixelCNN (van den Oord et al. 2016) sees up to 8 rows above and 8 columns to either side; it can model the images well without z. With β = 1 and no remedy the KL term then pushes q(z|x) onto the prior: posterior collapse, the seed guide’s example. Free bits or a KL warm-up keep the code in use.',
  ],
  interpolation: [
    'Two images are encoded to μ(A) and μ(B) and the path between them in latent space is decoded. Smooth, plausible images all along mean a well-structured latent space; spherical interpolation stays where the prior puts its mass.',
  ],
  traversal: [
    'Each row moves one latent dimension over the chosen range (by default −3σ to +3σ of the prior) while the others stay fixed. A dimension that changes one visible factor (thickness, slant) is disentangled (β-VAE pushes towards this); a row that does not change at all is a collapsed dimension.',
  ],
  latentMap: [
    'Every image’s μ(x), projected from the latent space to 2-D. PCA is linear, so any point decodes; UMAP keeps neighbours together and shows clusters, but its distances are not latent distances.',
  ],
  neighbours: [
    'The images whose codes μ(x) lie nearest to the chosen image’s in latent space. If they look alike (same class, same style), the encoder has put similar images close together: the structure the guide’s latent-space analysis looks for.',
    'Euclidean distance ‖μ − μ′‖ counts every dimension, collapsed ones too (they add almost nothing, since their μ stays near 0); cosine distance 1 − cos(μ, μ′) compares directions only, ignoring how far a code is from the origin (a zero code is at distance 1 from everything).',
  ],
  encode: [
    'The encoder’s approximate posterior q(z|x) = N(μ, σ²) for your image: μ is the code and σ its uncertainty per dimension. “decoded μ” is p(x|z = μ); the sliders move z and decode it again.',
  ],
  metrics: [
    'Numbers that summarise the latent space and the samples on your own data: how much z tells about x, how correlated and how many of its dimensions are used, how well a linear read-out of μ(x) recovers the label, and how sharp and how close to the data the samples are. Each row names its source; with a factors CSV, the disentanglement metrics MIG, DCI and SAP as disentanglement_lib computes them.',
  ],
  diagnostics: [
    'KL per dimension: KL(q(z_i|x) ‖ p(z_i)) averaged over the data. A dimension near 0 nats is inactive: its posterior equals the prior and it carries no information (active units: Var_x E[z_i|x] above 0.01).',
    'Posterior collapse: most dimensions inactive, because a strong decoder or a heavy β makes it cheaper to ignore z. Remedies: a smaller β, KL warm-up (β rises from 0 over the first epochs), cyclical annealing, or free bits (each dimension’s KL counts as at least λ).',
  ],
};

/** The note of a section, or '' when it has none. */
export function explainNote(name: string): string {
  const paragraphs = NOTES[name];
  if (!paragraphs) return '';
  return `<details class="explain"><summary>What am I looking at?</summary>${paragraphs.map((p) => `<p>${p}</p>`).join('')}</details>`;
}

/** The fragment with its note just below its heading (h1 in the header, h2 in a section). */
export function withNote(name: string, html: string): string {
  const note = explainNote(name);
  if (!note) return html;
  const end = /<\/h[12]>/.exec(html);
  return end ? `${html.slice(0, end.index + end[0].length)}\n${note}${html.slice(end.index + end[0].length)}` : html;
}
