// Small DOM helpers for the views.

/** The element with this id (the ids come from protocol/panel, so it exists in the page the host serves). */
export function el<T extends HTMLElement = HTMLElement>(id: string): T {
  return document.getElementById(id) as T;
}

/** The radio buttons of a group, by its name. */
export function radios(name: string): HTMLInputElement[] {
  return [...document.querySelectorAll<HTMLInputElement>(`input[type=radio][name="${name}"]`)];
}

/** A pointer position in a canvas's own pixel coordinates (it may be drawn scaled). */
export function canvasPoint(canvas: HTMLCanvasElement, e: MouseEvent): [number, number] {
  const box = canvas.getBoundingClientRect();
  return [((e.clientX - box.left) * canvas.width) / box.width, ((e.clientY - box.top) * canvas.height) / box.height];
}

export const baseName = (p: string): string => p.split(/[\\/]/).pop() ?? p;
