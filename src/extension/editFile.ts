// The saved-edit file (protocol/savedEdit.ts): its name beside the edited PNG, its content, and reading it back
// with a refusal that names the file.
import { readFile } from 'node:fs/promises';
import * as path from 'node:path';
import { savedEditSchema, type PageEdit, type SavedEdit } from '../protocol/savedEdit';
import { UserError } from '../shared/userError';

/** photo-edited.png → photo-edited.edit.json */
export function editFileOf(pngPath: string): string {
  const p = path.parse(pngPath);
  return path.join(p.dir, `${p.name}.edit.json`);
}

export function savedEditOf(modelDir: string, sourceImage: string, edit: PageEdit): SavedEdit {
  return { format: 'latent-explorer-edit/1', modelDir, sourceImage, edit };
}

/** The file's edit, or a UserError naming the file and what is wrong with it. */
export async function readSavedEdit(file: string): Promise<SavedEdit> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(file, 'utf8'));
  } catch (err) {
    throw new UserError(`Cannot open the saved edit ${file}: ${(err as Error).message}`);
  }
  const problem = savedEditSchema.check(parsed, 'edit');
  if (problem) throw new UserError(`Cannot open the saved edit ${file}: ${problem}`);
  return parsed as SavedEdit;
}
