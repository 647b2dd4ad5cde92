import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const manifest = JSON.parse(readFileSync(join(__dirname, '../../../package.json'), 'utf8'));

/** The `resourceExtname =~ /…/flags` part of a when clause, as a RegExp. */
function extnameRegex(when: string): RegExp {
  const m = /resourceExtname =~ \/(.+?)\/([a-z]*)/.exec(when);
  assert.ok(m, `no resourceExtname test in "${when}"`);
  return new RegExp(m[1], m[2]);
}

test('Encode Image is offered on PNG and JPEG files only, and only when a model is available', () => {
  const menus = manifest.contributes.menus;
  for (const entry of [menus['explorer/context'][0], menus['editor/title'][0]]) {
    assert.equal(entry.command, 'latentExplorer.encodeImage');
    assert.match(entry.when, /latentExplorer\.hasModel/);
    const re = extnameRegex(entry.when);
    for (const ok of ['.png', '.PNG', '.jpg', '.jpeg', '.JPG']) assert.ok(re.test(ok), ok);
    for (const no of ['.gif', '.txt', '.png.txt', '.jpgx', '', '.svg', '.webp']) assert.ok(!re.test(no), no);
  }
  assert.ok(manifest.contributes.commands.some((c: { command: string }) => c.command === 'latentExplorer.encodeImage'));
});

test('Interpolate Between Images is offered on a multi-selection of images when a model is available', () => {
  const entry = manifest.contributes.menus['explorer/context'].find((m: { command: string }) => m.command === 'latentExplorer.interpolateImages');
  assert.ok(entry);
  assert.match(entry.when, /listMultiSelection/);
  assert.match(entry.when, /latentExplorer\.hasModel/);
  assert.ok(extnameRegex(entry.when).test('.jpeg') && !extnameRegex(entry.when).test('.bmp'));
});
