// One plain pixel shape for everything downstream: 8-bit gray or RGB, no alpha.
//
// Alpha is composited over black (c·a/255). A fully transparent pixel then becomes 0, "nothing here", which is
// what the background of the datasets this tool targets (MNIST-like glyphs, sprites, icons on transparent
// canvases) means; the colour stored under a transparent pixel is arbitrary (often white, sometimes leftovers of
// an editor) and must not leak into the training data.

export interface DecodedImage {
  width: number;
  height: number;
  channels: 1 | 3;
  data: Uint8Array;
}

/**
 * RGBA (8-bit) → gray or RGB with alpha composited over black. `grayType` is the file's own claim (a gray colour
 * type); otherwise the image is gray exactly when every composited pixel has R = G = B.
 */
export function fromRgba(rgba: Uint8Array, width: number, height: number, grayType: boolean): DecodedImage {
  const n = width * height;
  if (grayType) {
    const gray = new Uint8Array(n);
    for (let p = 0, i = 0; p < n; p++, i += 4) {
      const a = rgba[i + 3];
      gray[p] = a === 255 ? rgba[i] : Math.round((rgba[i] * a) / 255);
    }
    return { width, height, channels: 1, data: gray };
  }
  const rgb = new Uint8Array(n * 3);
  let isGray = true;
  for (let p = 0, i = 0, o = 0; p < n; p++, i += 4, o += 3) {
    const a = rgba[i + 3];
    let r = rgba[i];
    let g = rgba[i + 1];
    let b = rgba[i + 2];
    if (a !== 255) {
      r = Math.round((r * a) / 255);
      g = Math.round((g * a) / 255);
      b = Math.round((b * a) / 255);
    }
    rgb[o] = r;
    rgb[o + 1] = g;
    rgb[o + 2] = b;
    if (r !== g || r !== b) isGray = false;
  }
  if (!isGray) return { width, height, channels: 3, data: rgb };
  const gray = new Uint8Array(n);
  for (let p = 0; p < n; p++) gray[p] = rgb[p * 3];
  return { width, height, channels: 1, data: gray };
}

/** Gray → RGB by replication; RGB → gray by ITU-R BT.601 luma Y = 0.299 R + 0.587 G + 0.114 B. */
export function convertChannels(img: DecodedImage, channels: 1 | 3): DecodedImage {
  if (img.channels === channels) return img;
  const n = img.width * img.height;
  const out = new Uint8Array(n * channels);
  const d = img.data;
  if (channels === 3) {
    for (let p = 0, o = 0; p < n; p++, o += 3) out[o] = out[o + 1] = out[o + 2] = d[p];
  } else {
    for (let p = 0, i = 0; p < n; p++, i += 3) out[p] = Math.round(0.299 * d[i] + 0.587 * d[i + 1] + 0.114 * d[i + 2]);
  }
  return { width: img.width, height: img.height, channels, data: out };
}
