// Temporary folders for tests that remove themselves: node's test runner gives every test file its own process,
// so an exit hook removes whatever that file made, whether its tests passed, failed or threw.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const made: string[] = [];
let hooked = false;

/** A new empty folder under the system's temporary folder, removed when this test process exits. */
export function tempDir(prefix = 'le-test-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  made.push(dir);
  if (!hooked) {
    hooked = true;
    process.on('exit', removeTempDirs);
  }
  return dir;
}

/** Removes every folder tempDir() made so far (also called by the exit hook). */
export function removeTempDirs(): void {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
}
