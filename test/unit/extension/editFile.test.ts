// The saved-edit file: named beside the edited PNG, written as the host writes it and read back the same; a file
// that is not an edit is refused with its name and the first problem.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { editFileOf, readSavedEdit, savedEditOf } from '../../../src/extension/editFile';
import { isUserError } from '../../../src/shared/userError';
import { tempDir } from '../../helpers/tempDir';

test('a saved edit round-trips through its file; a broken one is refused naming the file and the problem', async () => {
  assert.equal(editFileOf('/x/photo-edited.png'), '/x/photo-edited.edit.json');
  const dir = tempDir('le-edit-');
  const saved = savedEditOf('/models/m', '/data/a.png', { attribute: { from: 'Sandal', to: 'Sneaker' }, strength: -1.5, code: [0.25, 1], z: [1.75, -2] });
  const file = join(dir, 'a-edited.edit.json');
  writeFileSync(file, JSON.stringify(saved));
  assert.deepEqual(await readSavedEdit(file), saved);
  writeFileSync(file, '{ not json');
  await assert.rejects(readSavedEdit(file), (e: Error) => isUserError(e) && e.message.startsWith(`Cannot open the saved edit ${file}:`));
  writeFileSync(file, JSON.stringify({ ...saved, edit: { ...saved.edit, z: [1] } }));
  await assert.rejects(readSavedEdit(file), (e: Error) => isUserError(e) && /code has 2 values and z 1/.test(e.message));
  await assert.rejects(readSavedEdit(join(dir, 'missing.edit.json')), (e: Error) => isUserError(e) && e.message.includes('missing.edit.json'));
});
