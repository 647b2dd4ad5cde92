// The export formats as text and bytes: the CSV header and RFC 4180 quoting, float32 numbers that read back
// exactly, the .npy and its labels, the Projector's TSV pair, and the extension that picks the format.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeNpyFloat32 } from '../../../src/shared/npy';
import {
  csvField, exportFiles, float32Text, labelsJson, latentFormatOf, latentsCsv, latentsNpy, projectorMetadataTsv, projectorVectorsTsv, type LatentTable,
} from '../../../src/shared/latentFormats';

const table: LatentTable = {
  paths: ['Bag/1.png', 'odd, "name".png', 'line\nbreak.png'],
  labels: ['Bag', 'Coat', 'Tab\there'],
  mu: Float32Array.from([0.1, -2, 1e-8, 3.5, 0, 1 / 3]),
  sigma: Float32Array.from([1, 0.5, 0.25, 2, 1e-3, 0.7]),
  latentDim: 2,
};

/** A minimal RFC 4180 reader (quoted fields, doubled quotes, line breaks inside quotes), to read our CSV back. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  return rows;
}

test('csvField quotes a comma, a quote or a line break (quotes doubled) and leaves the rest alone', () => {
  assert.equal(csvField('plain/file.png'), 'plain/file.png');
  assert.equal(csvField('a,b'), '"a,b"');
  assert.equal(csvField('say "hi"'), '"say ""hi"""');
  assert.equal(csvField('two\nlines'), '"two\nlines"');
  assert.equal(csvField('cr\rhere'), '"cr\rhere"');
  assert.equal(csvField(''), '');
});

test('float32Text is the shortest decimal that reads back as the same float32', () => {
  for (const x of [0.1, 1 / 3, -2, 1e-8, 3.4028234663852886e38, 1.401298464324817e-45, 0, 123456.789]) {
    const f = Math.fround(x);
    const s = float32Text(f);
    assert.equal(Math.fround(Number(s)), f, `${x} → ${s}`);
    assert.ok(s.replace(/^-|e.*$|\./g, '').replace(/^0+/, '').length <= 9, `${s} has at most 9 significant digits`);
  }
  assert.equal(float32Text(0.1), '0.1');
  assert.equal(float32Text(-2), '-2');
});

test('the CSV has the header path,label,mu_j…,sigma_j… and reads back field for field', () => {
  const text = latentsCsv(table);
  const rows = parseCsv(text);
  assert.deepEqual(rows[0], ['path', 'label', 'mu_0', 'mu_1', 'sigma_0', 'sigma_1']);
  assert.equal(rows.length, 4);
  assert.deepEqual(rows.slice(1).map((r) => r[0]), table.paths, 'odd names survive quoting');
  assert.deepEqual(rows.slice(1).map((r) => r[1]), table.labels);
  for (let i = 0; i < 3; i++) {
    assert.deepEqual(rows[i + 1].slice(2, 4).map((v) => Math.fround(Number(v))), Array.from(table.mu.subarray(2 * i, 2 * i + 2)));
    assert.deepEqual(rows[i + 1].slice(4).map((v) => Math.fround(Number(v))), Array.from(table.sigma.subarray(2 * i, 2 * i + 2)));
  }
  const unlabelled = parseCsv(latentsCsv({ ...table, labels: null }));
  assert.deepEqual(unlabelled.slice(1).map((r) => r[1]), ['', '', ''], 'an unlabelled dataset has empty labels');
});

test('the .npy holds μ as float32 N×d and labels.json names each row', () => {
  const { shape, data } = decodeNpyFloat32(latentsNpy(table));
  assert.deepEqual(shape, [3, 2]);
  assert.deepEqual(data, table.mu);
  const labels = JSON.parse(labelsJson(table, '/data/set'));
  assert.deepEqual(labels, { root: '/data/set', count: 3, latent_dim: 2, paths: table.paths, labels: table.labels });
});

test('the Projector pair: vectors without a header, metadata with path<TAB>label, same row order', () => {
  const vectors = projectorVectorsTsv(table).split('\n');
  assert.equal(vectors.pop(), '', 'ends with a newline');
  assert.equal(vectors.length, 3);
  assert.deepEqual(vectors.map((l) => l.split('\t').map((v) => Math.fround(Number(v)))), [0, 1, 2].map((i) => Array.from(table.mu.subarray(2 * i, 2 * i + 2))));
  const meta = projectorMetadataTsv(table).trimEnd().split('\n');
  assert.deepEqual(meta, ['path\tlabel', 'Bag/1.png\tBag', 'odd, "name".png\tCoat', 'line break.png\tTab here']);
});

test('the extension picks the format and names the sibling files; anything else is refused', () => {
  assert.equal(latentFormatOf('/x/z.CSV'), 'csv');
  assert.deepEqual(exportFiles('/x/z.npy'), { main: '/x/z.npy', siblings: { labels: '/x/z.labels.json' } });
  assert.deepEqual(exportFiles('/x/z.tsv'), { main: '/x/z.tsv', siblings: { metadata: '/x/z.metadata.tsv' } });
  assert.deepEqual(exportFiles('/x/z.csv'), { main: '/x/z.csv', siblings: {} });
  assert.throws(() => latentFormatOf('/x/z.txt'), /must end in \.csv, \.npy or \.tsv/);
  assert.throws(() => latentFormatOf('/x.csv/z'), /must end in/);
});

test('a table whose arrays do not fit its rows is a bug, not a file', () => {
  assert.throws(() => latentsCsv({ ...table, mu: new Float32Array(5) }), /do not fit/);
  assert.throws(() => latentsCsv({ ...table, labels: ['a'] }), /1 labels for 3 images/);
});
