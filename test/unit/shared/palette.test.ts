// The map's palette on the colours VS Code really uses: its default chart colours and editor backgrounds of the
// Dark Modern, Light Modern and Dark High Contrast themes (src/vs/platform/theme/common/colors/chartsColors.ts and
// editorColors.ts: charts.red = editorError.foreground, blue = editorInfo, yellow = editorWarning, orange =
// minimap.findMatchHighlight), and CIEDE2000 against Sharma, Wu & Dalal's published test pairs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { colourDistance, deltaE2000, parseColour, parseHex } from '../../../src/shared/colour';
import { categoricalPalette, MIN_BACKGROUND_DELTA_E, MIN_DELTA_E, minimumDistance, type ThemeKind } from '../../../src/shared/palette';

// blue, orange, green, red, purple, yellow (the order CHART_VARIABLES reads them)
const THEMES: Record<ThemeKind, { background: string; chart: string[] }> = {
  dark: { background: '#1f1f1f', chart: ['#3794ff', '#d18616', '#89d185', '#f14c4c', '#b180d7', '#cca700'] },
  light: { background: '#ffffff', chart: ['#1a85ff', '#d18616', '#388a34', '#e51400', '#652d90', '#bf8803'] },
  'high-contrast': { background: '#000000', chart: ['#3794ff', '#ab5a00', '#89d185', '#f48771', '#b180d7', '#ffd370'] },
};

test('CIEDE2000 matches the published test data (Sharma, Wu & Dalal 2005, pairs 1, 7, 17, 25, 34)', () => {
  const pairs: [number[], number[], number][] = [
    [[50, 2.6772, -79.7751], [50, 0, -82.7485], 2.0425],
    [[50, 0, 0], [50, -1, 2], 2.3669],
    [[50, 2.5, 0], [73, 25, -18], 27.1492],
    [[60.2574, -34.0099, 36.2677], [60.4626, -34.1751, 39.4387], 1.2644],
    [[22.7233, 20.0904, -46.694], [23.0331, 14.973, -42.5619], 2.0373],
  ];
  for (const [a, b, want] of pairs) {
    assert.ok(Math.abs(deltaE2000(a as never, b as never) - want) < 1e-4, `${a} vs ${b}: ${deltaE2000(a as never, b as never)}, want ${want}`);
    assert.ok(Math.abs(deltaE2000(b as never, a as never) - want) < 1e-4, 'symmetric');
  }
  assert.equal(colourDistance([10, 20, 30], [10, 20, 30]), 0);
});

test('colours parse from hex and from getComputedStyle’s rgb() text', () => {
  assert.deepEqual(parseHex('#3794ff'), [0x37, 0x94, 0xff]);
  assert.deepEqual(parseHex('#fff'), [255, 255, 255]);
  assert.deepEqual(parseHex('#3794ffcc'), [0x37, 0x94, 0xff]);
  assert.deepEqual(parseColour('rgb(55, 148, 255)'), [55, 148, 255]);
  assert.equal(parseColour('var(--x)'), null);
});

for (const [kind, theme] of Object.entries(THEMES) as [ThemeKind, (typeof THEMES)[ThemeKind]][]) {
  test(`the ${kind} theme: at least 10 label colours, every pair ΔE₀₀ ≥ ${MIN_DELTA_E} and each ≥ ${MIN_BACKGROUND_DELTA_E} from the background`, () => {
    const p = categoricalPalette(theme.chart, theme.background, kind);
    assert.ok(p.length >= 10, `${p.length} colours: ${p.join(' ')}`);
    assert.ok(minimumDistance(p) >= MIN_DELTA_E, `closest pair ΔE₀₀ ${minimumDistance(p).toFixed(1)} in ${p.join(' ')}`);
    for (const c of p) assert.ok(colourDistance(parseHex(c)!, parseHex(theme.background)!) >= MIN_BACKGROUND_DELTA_E, `${c} on ${theme.background}`);
    // the theme's own chart colours come first, those that pass
    assert.equal(p[0], theme.chart[0]);
    // labels 1 and 7, 2 and 8 (the old palette's repeats) now differ
    assert.notEqual(p[1 % p.length], p[7 % p.length]);
    assert.notEqual(p[2 % p.length], p[8 % p.length]);
  });
}

test('a chart colour too close to one already kept gives way (VS Code light: orange #d18616 and yellow #bf8803 are ΔE₀₀ ≈ 6 apart)', () => {
  assert.ok(colourDistance(parseHex('#d18616')!, parseHex('#bf8803')!) < MIN_DELTA_E);
  const p = categoricalPalette(THEMES.light.chart, '#ffffff', 'light');
  assert.ok(p.includes('#d18616') && !p.includes('#bf8803'));
});

test('a theme whose chart colours are all one colour still gets a full palette of distinct colours', () => {
  const p = categoricalPalette(Array(6).fill('#3794ff'), '#1e1e1e', 'dark');
  assert.equal(p.filter((c) => c === '#3794ff').length, 1);
  assert.ok(p.length >= 8 && minimumDistance(p) >= MIN_DELTA_E, p.join(' '));
});
