// The panel's header: the model's name, status line, facts, the cancel button and Export Latents….
import { section } from './section';

export const overview = section(
  'overview',
  { header: 'summary', title: 'title', status: 'status', facts: 'facts', cancel: 'cancel', exportLatents: 'export-latents' },
  (id, page) => `<header id="${id.header}"><h1 id="${id.title}">${page.title}</h1><p id="${id.status}" role="status"></p><dl id="${id.facts}"></dl>
<button id="${id.cancel}" hidden>Cancel training</button> <button id="${id.exportLatents}">Export Latents…</button></header>`,
);
