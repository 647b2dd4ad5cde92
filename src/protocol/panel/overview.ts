// The panel's header: the model's name, status line, facts and the cancel button.
import { section } from './section';

export const overview = section(
  'overview',
  { header: 'summary', title: 'title', status: 'status', facts: 'facts', cancel: 'cancel' },
  (id, page) => `<header id="${id.header}"><h1 id="${id.title}">${page.title}</h1><p id="${id.status}" role="status"></p><dl id="${id.facts}"></dl>
<button id="${id.cancel}" hidden>Cancel training</button></header>`,
);
