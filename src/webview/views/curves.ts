// Loss curves: redrawn when an epoch arrives or the theme changes.
import { curves as section } from '../../protocol/panel';
import { el } from '../dom';
import { drawLossChart } from '../lossChart';
import type { View } from './view';

export const curvesView: View = {
  uses: ['epochs', 'theme'],
  render({ epochs }) {
    drawLossChart(el<HTMLCanvasElement>(section.ids.canvas), el(section.ids.legend), epochs);
  },
};
