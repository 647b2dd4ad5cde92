// The map's legend: one button per label with its colour and image count. Pressing one shows only that class
// (aria-pressed); pressing it again, or Escape on the legend, shows every class again. The legend is rebuilt
// each time, so the caller puts the focus back on the entry it came `from`.
import { l10n } from '../l10n';

export function fillLegend(container: HTMLElement, names: string[], colours: string[], counts: number[], isolated: number | null, onIsolate: (k: number | null, from: number) => void): void {
  container.replaceChildren(
    ...names.map((name, k) => {
      const key = document.createElement('button');
      key.type = 'button';
      key.className = 'key dot';
      if (isolated !== null && isolated !== k) key.classList.add('off');
      key.style.setProperty('--key-color', colours[k % colours.length]);
      key.textContent = `${name} (${counts[k]})`;
      key.setAttribute('aria-pressed', String(isolated === k));
      key.title = isolated === k ? l10n.t('Show every class') : l10n.t('Show only {0}', name);
      key.dataset.label = String(k);
      key.addEventListener('click', () => onIsolate(isolated === k ? null : k, k));
      return key;
    }),
  );
  container.onkeydown = (e) => {
    if (e.key === 'Escape' && isolated !== null) onIsolate(null, Number((e.target as HTMLElement).dataset.label ?? isolated));
  };
}
