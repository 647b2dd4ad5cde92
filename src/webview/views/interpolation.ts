// Interpolation from A to B: the picker follows the images on offer and the picks; the path is decoded again
// only for a new decoder, new images or new settings.
import { interpolation as section } from '../../protocol/panel';
import { el, radios } from '../dom';
import { clampPicks, drawInterpolation, pickableOf, renderPicker } from '../interpolate';
import { exportSheet } from './exportSheet';
import { gridMove } from './a11y';
import type { View } from './view';
import { noPageDecoderReason } from '../noPageDecoder';

const id = section.ids;
let drawn: Uint8Array | null = null;
/** Set by listen(): the picker's click handler needs the store. */
let pick: (i: number) => void = () => undefined;
export const interpolationView: View = {
  uses: ['vae', 'model', 'preview', 'pair', 'interpolation'],
  render(state) {
    el(id.note).textContent = noPageDecoderReason(state.model);
    const p = pickableOf(state.preview, state.pair);
    const s = clampPicks(state.interpolation, p);
    el<HTMLInputElement>(id.steps).value = String(s.steps);
    for (const r of radios(id.mode)) r.checked = r.value === s.mode;
    if (!p) return;
    // a pick rebuilds the buttons: the keyboard's focus stays on the button it was on
    const focused = [...el(id.picker).children].indexOf(document.activeElement as Element);
    renderPicker(el(id.picker), p, s, (i) => pick(i));
    if (focused >= 0) (el(id.picker).children[Math.min(focused, p.count - 1)] as HTMLElement).focus();
    if (state.vae) drawn = drawInterpolation(el<HTMLCanvasElement>(id.canvas), state.vae, p, s);
  },
  listen(ctx) {
    const { store, send } = ctx;
    const settings = () => clampPicks(store.get().interpolation, pickableOf(store.get().preview, store.get().pair));
    pick = (i) => {
      // alternate: a click sets A, the next sets B
      const pickA = store.get().pickNext === 'a';
      store.update({ interpolation: pickA ? { ...settings(), a: i } : { ...settings(), b: i }, pickNext: pickA ? 'b' : 'a' });
    };
    // arrow keys move between the thumbnails (Enter or Space picks, as a button does)
    el(id.picker).addEventListener('keydown', (e) => {
      const buttons = [...el(id.picker).children] as HTMLElement[];
      const at = buttons.indexOf(document.activeElement as HTMLElement);
      const next = at < 0 ? null : gridMove(e.key === 'ArrowUp' ? 'ArrowLeft' : e.key === 'ArrowDown' ? 'ArrowRight' : e.key, at, buttons.length, 1);
      if (next === null) return;
      e.preventDefault();
      buttons[next].focus();
    });
    for (const r of radios(id.mode)) {
      r.addEventListener('change', () => store.update({ interpolation: { ...settings(), mode: r.value === 'linear' ? 'linear' : 'spherical' } }));
    }
    el(id.steps).addEventListener('change', () => {
      const steps = Math.max(2, Math.min(16, Math.round(Number(el<HTMLInputElement>(id.steps).value)) || 8));
      store.update({ interpolation: { ...settings(), steps } });
    });
    el(id.export).addEventListener('click', () => exportSheet(send, store.get().model, 'interpolation', drawn, settings().steps, settings().steps));
  },
};
