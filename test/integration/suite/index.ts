// Runs inside the real VS Code extension host (code-server), loaded through the workbench's extensionTestsPath.
// Prints one parseable line per test ("[host] ✓ title" / "[host] ✗ title :: error") for the outer runner.
import * as path from 'node:path';
import { removeTempDirs } from '../../helpers/tempDir';

export function run(): Promise<void> {
  // mocha stays outside the bundle (it loads its own files); resolve it from the repository.
  const M = require('mocha');
  const Mocha = M.Mocha ?? M.default ?? M;
  const mocha = new Mocha({ ui: 'bdd', timeout: 180_000, color: false, reporter: 'spec' });
  // LE_TEST_GREP=<text> runs only the matching host tests (when debugging one)
  if (process.env.LE_TEST_GREP) mocha.grep(process.env.LE_TEST_GREP);
  mocha.suite.emit('pre-require', globalThis, path.join(__dirname, 'suite'), mocha);
  // required after pre-require so describe/it exist; esbuild keeps these requires lazy
  require('./extension.test');
  require('./config.test');
  require('./variants.test');
  require('./export.test');
  require('./exportOnnx.test');
  require('./compare.test');
  require('./importOnnx.test');
  return new Promise((resolve, reject) => {
    const runner = mocha.run((failures: number) => {
      // the extension host is killed, not exited, when the run ends: remove the tests' scratch folders now
      removeTempDirs();
      if (failures) reject(new Error(`${failures} host test(s) failed`));
      else resolve();
    });
    runner.on('pass', (t: { fullTitle(): string }) => console.log(`[host] ✓ ${t.fullTitle()}`));
    runner.on('fail', (t: { fullTitle(): string }, err: Error) => console.log(`[host] ✗ ${t.fullTitle()} :: ${String(err?.message ?? err).replace(/\n/g, ' ')}`));
  });
}
