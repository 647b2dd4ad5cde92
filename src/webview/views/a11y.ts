// Keyboard and screen-reader helpers the views share: a chart's data as a table (the text alternative of a
// canvas), a keyboard cursor over an interactive canvas, and arrow-key moves within a grid.

/** Fills `table` with a caption, a header row and the rows; numbers are written as given (already formatted). */
export function fillTable(table: HTMLTableElement, caption: string, headers: string[], rows: string[][]): void {
  const cap = document.createElement('caption');
  cap.textContent = caption;
  const head = document.createElement('thead');
  head.append(tableRow(headers, true));
  const body = document.createElement('tbody');
  body.append(...rows.map((r) => tableRow(r, false)));
  table.replaceChildren(cap, head, body);
}

/** A header row (every cell a column header) or a body row (its first cell names the row, so a screen reader
 * announces it with each value). */
function tableRow(cells: string[], header: boolean): HTMLTableRowElement {
  const tr = document.createElement('tr');
  tr.append(
    ...cells.map((text, i) => {
      const th = header || i === 0;
      const c = document.createElement(th ? 'th' : 'td');
      if (th) c.setAttribute('scope', header ? 'col' : 'row');
      c.textContent = text;
      return c;
    }),
  );
  return tr;
}

/** Formats a number for a table cell, or "—" when there is none. */
export const cell = (v: number | null | undefined, digits = 2): string => (v === null || v === undefined || !Number.isFinite(v) ? '—' : v.toFixed(digits));

/**
 * A rectangle drawn over a canvas (a sibling element, so the canvas's pixels and its draw count stay untouched)
 * marking the keyboard cursor; `rect` in the canvas's own pixels, null hides it.
 */
export function showCursor(canvas: HTMLCanvasElement, rect: { x: number; y: number; w: number; h: number } | null): void {
  let mark = canvas.nextElementSibling;
  if (!(mark instanceof HTMLElement) || !mark.classList.contains('kbd-cursor')) {
    mark = document.createElement('span');
    (mark as HTMLElement).className = 'kbd-cursor';
    (mark as HTMLElement).setAttribute('aria-hidden', 'true');
    canvas.after(mark);
  }
  const m = mark as HTMLElement;
  m.hidden = rect === null;
  if (!rect) return;
  const box = canvas.getBoundingClientRect();
  const sx = (box.width - canvas.clientLeft * 2) / canvas.width || 1;
  const sy = (box.height - canvas.clientTop * 2) / canvas.height || 1;
  m.style.left = `${canvas.offsetLeft + canvas.clientLeft + rect.x * sx}px`;
  m.style.top = `${canvas.offsetTop + canvas.clientTop + rect.y * sy}px`;
  m.style.width = `${rect.w * sx}px`;
  m.style.height = `${rect.h * sy}px`;
}

/** The arrow keys (and Home/End) as a move within a grid of `count` cells in rows of `cols`; null for another key. */
export function gridMove(key: string, index: number, count: number, cols: number): number | null {
  const moves: Record<string, number> = { ArrowLeft: index - 1, ArrowRight: index + 1, ArrowUp: index - cols, ArrowDown: index + cols, Home: 0, End: count - 1 };
  if (!(key in moves)) return null;
  return Math.max(0, Math.min(count - 1, moves[key]));
}

/** Tells a screen reader something through a polite live region (one per page, made on first use). */
export function announce(text: string): void {
  let region = document.getElementById('a11y-live');
  if (!region) {
    region = document.createElement('p');
    region.id = 'a11y-live';
    region.className = 'visually-hidden';
    region.setAttribute('role', 'status');
    region.setAttribute('aria-live', 'polite');
    document.body.append(region);
  }
  region.textContent = text;
}
