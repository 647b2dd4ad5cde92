// The factors CSV of Compute Metrics / `latent-explorer metrics --factors`: ground-truth factors of variation per
// image, for MIG, DCI and SAP. The first column names the image by its path relative to the dataset folder
// (header `file` or `path`), the others are factors: a column whose every value is a number is numeric, any
// other is categorical. Every image the metrics use needs a row; a row naming no image of the dataset, a row of
// the wrong width or an empty value is refused with the file and line.
import { readFile } from 'node:fs/promises';
import { relative, sep } from 'node:path';
import type { Factor } from '../engine/metrics/factors';
import type { Dataset } from '../shared/dataset';
import { UserError } from '../shared/userError';

/** One line of CSV (RFC 4180 quoting: "a ""b"", c" is one field), or null when a quote is left open. */
export function parseCsvLine(line: string): string[] | null {
  const out: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"' && field.trim() === '') {
      // a quote after leading spaces still opens the field
      quoted = true;
      field = '';
    }
    else if (ch === ',') {
      out.push(field);
      field = '';
    } else field += ch;
  }
  if (quoted) return null;
  out.push(field);
  return out.map((f) => f.trim());
}

/** A dataset path as the CSV writes it: relative to the root, '/' separators, no leading './'. */
export function normalisePath(p: string): string {
  return p.replace(/\\/g, '/').replace(/^(\.\/)+/, '');
}

/** The factors of `ds`'s images (rows in `ds` order) from the CSV text; `file` names it in errors. */
export function parseFactors(text: string, file: string, ds: Pick<Dataset, 'sources' | 'report'>): Factor[] {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const header = parseCsvLine(lines[0] ?? '');
  if (!header || !header[0]) throw new UserError(`${file} line 1: the header is empty; expected "file" (or "path") then one column per factor.`);
  if (!/^(file|path)$/i.test(header[0])) throw new UserError(`${file} line 1: the first column is "${header[0]}"; it must be "file" or "path" (the image path relative to the dataset folder).`);
  if (header.length < 2) throw new UserError(`${file} line 1: no factor columns after "${header[0]}".`);
  const names = header.slice(1);
  names.forEach((name, c) => {
    if (!name) throw new UserError(`${file} line 1: column ${c + 2} has no name.`);
    if (names.indexOf(name) !== c) throw new UserError(`${file} line 1: the column "${name}" appears twice.`);
  });

  const index = new Map(ds.sources.map((src, i) => [normalisePath(relative(ds.report.root, src).split(sep).join('/')), i]));
  const skipped = new Set(ds.report.skipped.map((f) => normalisePath(relative(ds.report.root, f.path).split(sep).join('/'))));
  const cells: (string[] | undefined)[] = new Array(ds.sources.length);
  for (let l = 1; l < lines.length; l++) {
    if (!lines[l].trim()) continue;
    const row = parseCsvLine(lines[l]);
    if (!row) throw new UserError(`${file} line ${l + 1}: a quoted field is not closed.`);
    if (row.length !== header.length) throw new UserError(`${file} line ${l + 1}: ${row.length} values, but the header has ${header.length} columns.`);
    const path = normalisePath(row[0]);
    const i = index.get(path);
    if (i === undefined) {
      // a row for a file the loader could not read is no error of the CSV's
      if (skipped.has(path)) continue;
      throw new UserError(`${file} line ${l + 1}: "${row[0]}" is not an image of the dataset at ${ds.report.root}.`);
    }
    if (cells[i]) throw new UserError(`${file} line ${l + 1}: "${row[0]}" already has a row.`);
    const empty = row.findIndex((v, c) => c > 0 && v === '');
    if (empty > 0) throw new UserError(`${file} line ${l + 1}: no value for "${names[empty - 1]}".`);
    cells[i] = row.slice(1);
  }
  const missing = ds.sources.map((src, i) => (cells[i] ? null : src)).filter((v): v is string => v !== null);
  if (missing.length) {
    const first = normalisePath(relative(ds.report.root, missing[0]).split(sep).join('/'));
    throw new UserError(`${file} has no row for ${first}${missing.length > 1 ? ` and ${missing.length - 1} other image(s)` : ''} of the dataset at ${ds.report.root}; every image needs its factors.`);
  }

  return names.map((name, c) => {
    const raw = cells.map((r) => r![c]);
    const numbers = raw.map(Number);
    if (numbers.every(Number.isFinite)) return { name, kind: 'numeric', values: Float64Array.from(numbers) };
    const categories = [...new Set(raw)].sort();
    const at = new Map(categories.map((v, k) => [v, k]));
    return { name, kind: 'categorical', values: Float64Array.from(raw, (v) => at.get(v)!), categories };
  });
}

export async function readFactors(file: string, ds: Pick<Dataset, 'sources' | 'report'>): Promise<Factor[]> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    throw new UserError(`Cannot read the factors file ${file}: ${(err as NodeJS.ErrnoException).code ?? String(err)}.`);
  }
  return parseFactors(text, file, ds);
}
