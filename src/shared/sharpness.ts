// Sharpness as the variance of the Laplacian (Pech-Pacheco et al. 2000; the usual blur measure, cv2.Laplacian(…).var()):
// each image in gray (the mean of its channels, values in [0, 1]) filtered with the 4-neighbour kernel
// [[0, 1, 0], [1, −4, 1], [0, 1, 0]] over its interior pixels (no padding), the variance of the response, averaged
// over the images. Blurry VAE samples score lower than the data they imitate.

/** Variance of the Laplacian of one h × w image with c channels (channels last). */
export function laplacianVariance(pixels: ArrayLike<number>, h: number, w: number, c: number, offset = 0): number {
  if (h < 3 || w < 3) return 0;
  const gray = (y: number, x: number) => {
    let s = 0;
    for (let k = 0; k < c; k++) s += pixels[offset + (y * w + x) * c + k];
    return s / c;
  };
  let sum = 0;
  let sumSq = 0;
  const count = (h - 2) * (w - 2);
  for (let y = 1; y < h - 1; y++) {
    for (let x = 1; x < w - 1; x++) {
      const l = gray(y - 1, x) + gray(y + 1, x) + gray(y, x - 1) + gray(y, x + 1) - 4 * gray(y, x);
      sum += l;
      sumSq += l * l;
    }
  }
  const mean = sum / count;
  return Math.max(0, sumSq / count - mean * mean);
}

/** Mean variance of the Laplacian over n images stored one after another (n · h · w · c values in [0, 1]). */
export function sharpness(images: ArrayLike<number>, n: number, h: number, w: number, c: number): number {
  let total = 0;
  for (let i = 0; i < n; i++) total += laplacianVariance(images, h, w, c, i * h * w * c);
  return n ? total / n : 0;
}

/** The same measure for uint8 pixels (0…255), on the [0, 1] scale: the Laplacian is linear, so its variance scales by 1/255². */
export function sharpnessOfBytes(pixels: Uint8Array, n: number, h: number, w: number, c: number): number {
  return sharpness(pixels, n, h, w, c) / (255 * 255);
}
