// Canvas drawing reads the theme from the --vscode-* CSS variables VS Code sets on the page, so charts follow
// light, dark and high-contrast themes without colours of our own.

export function themeColor(name: string, fallbackVar?: string): string {
  const style = getComputedStyle(document.documentElement);
  const v = style.getPropertyValue(name).trim();
  if (v) return v;
  return fallbackVar ? style.getPropertyValue(fallbackVar).trim() : '';
}

export interface ChartColors {
  foreground: string;
  grid: string;
  series: string[];
}

export function chartColors(): ChartColors {
  return {
    foreground: themeColor('--vscode-foreground'),
    grid: themeColor('--vscode-editorWidget-border', '--vscode-panel-border'),
    series: ['--vscode-charts-blue', '--vscode-charts-orange', '--vscode-charts-green', '--vscode-charts-red', '--vscode-charts-purple', '--vscode-charts-yellow'].map((v) =>
      themeColor(v, '--vscode-foreground'),
    ),
  };
}
