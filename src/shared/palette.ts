// The latent map's categorical palette: one colour per label that stays distinct from every other label's and
// visible on the background, in light, dark and high-contrast themes. It starts from the theme's own chart
// colours (--vscode-charts-*, so a theme's author decides first) and tops them up from a fixed set per theme kind
// (below), keeping a colour only when its CIEDE2000 distance to every colour already kept is at least
// MIN_DELTA_E, and to the background at least MIN_BACKGROUND_DELTA_E. VS Code's own light theme fails this
// on its chart colours (orange #d18616 and yellow #bf8803 are ΔE₀₀ 6 apart), so yellow gives way there.
import { colourDistance, parseColour, toHex, type Rgb } from './colour';

export type ThemeKind = 'light' | 'dark' | 'high-contrast';

/** The chart variables read first, in this order. */
export const CHART_VARIABLES = ['--vscode-charts-blue', '--vscode-charts-orange', '--vscode-charts-green', '--vscode-charts-red', '--vscode-charts-purple', '--vscode-charts-yellow'];

/** The fixed top-up colours per theme kind, chosen for ΔE₀₀ ≥ MIN_DELTA_E from VS Code's default chart colours and each
 * other (test/unit/shared/palette.test.ts measures it on those colours). */
export const FIXED_COLOURS: Record<ThemeKind, string[]> = {
  dark: ['#00e5ff', '#ff5fb0', '#e8e8e8', '#c6ff00', '#a1887f', '#00a693', '#7e57ff'],
  'high-contrast': ['#00e5ff', '#ff5fb0', '#e8e8e8', '#c6ff00', '#a1887f', '#00a693', '#7e57ff'],
  light: ['#202020', '#d0008a', '#00796b', '#8d6e63', '#7b1f2f', '#7a7a00', '#00a5b5', '#ff6f61'],
};

export const MIN_DELTA_E = 15;
export const MIN_BACKGROUND_DELTA_E = 25;
/** How many colours the palette aims at; labels past it reuse colours (the legend shows which). */
export const PALETTE_SIZE = 12;

/** The palette for a theme: the chart colours (as the page read them, any CSS colour text) and the background. */
export function categoricalPalette(chart: string[], background: string, kind: ThemeKind, size = PALETTE_SIZE): string[] {
  const bg = parseColour(background) ?? (kind === 'light' ? ([255, 255, 255] as Rgb) : ([0, 0, 0] as Rgb));
  const kept: Rgb[] = [];
  const consider = (c: Rgb | null, strict: boolean) => {
    if (!c || kept.length >= size) return;
    const far = kept.every((k) => colourDistance(k, c) >= MIN_DELTA_E) && colourDistance(c, bg) >= MIN_BACKGROUND_DELTA_E;
    if (far || !strict) kept.push(c);
  };
  for (const text of chart) consider(parseColour(text), true);
  for (const text of FIXED_COLOURS[kind]) consider(parseColour(text), true);
  // a theme whose colours crowd the fixed ones out still gets `size` colours, the closest last
  for (const text of FIXED_COLOURS[kind]) if (!kept.some((k) => toHex(k) === text)) consider(parseColour(text), false);
  return kept.map(toHex);
}

/** The smallest ΔE₀₀ between any two of `colours` (Infinity for fewer than two): what the tests hold to a bound. */
export function minimumDistance(colours: string[]): number {
  let min = Infinity;
  const rgb = colours.map((c) => parseColour(c)!);
  for (let i = 0; i < rgb.length; i++) for (let j = i + 1; j < rgb.length; j++) min = Math.min(min, colourDistance(rgb[i], rgb[j]));
  return min;
}
