// The map's label colours in the page's theme: VS Code's chart colours as the page sees them, topped up and
// checked for distinctness by shared/palette.ts. The theme kind comes from the class VS Code puts on <body>, or,
// without it (the page tests), from the background's lightness and the presence of a contrast border.
import { categoricalPalette, CHART_VARIABLES, type ThemeKind } from '../../shared/palette';
import { parseColour, rgbToLab } from '../../shared/colour';
import { themeColor } from '../theme';

export function themeKind(): ThemeKind {
  const body = document.body.classList;
  // High Contrast Light is light: its fixed colours must stand out on white
  if (body.contains('vscode-light') || body.contains('vscode-high-contrast-light')) return 'light';
  if (body.contains('vscode-high-contrast')) return 'high-contrast';
  if (body.contains('vscode-dark')) return 'dark';
  if (themeColor('--vscode-contrastBorder')) return 'high-contrast';
  const bg = parseColour(themeColor('--vscode-editor-background'));
  return bg && rgbToLab(bg)[0] > 50 ? 'light' : 'dark';
}

/** The palette for the page's current theme, as '#rrggbb'. */
export function mapPalette(): string[] {
  const chart = CHART_VARIABLES.map((v) => themeColor(v)).filter((c) => c !== '');
  return categoricalPalette(chart, themeColor('--vscode-editor-background'), themeKind());
}
