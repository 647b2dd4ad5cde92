// Lint: typescript-eslint's recommended rules plus the architecture from house-style.md — imports flow one way
// (extension, cli, worker → engine, data, store, protocol; webview → protocol and browser-safe engine parts),
// nothing imports extension/, only extension/ may import 'vscode', the engine does no file I/O and the webview
// uses no Node module. Checked for `import`, `export … from`, `import x = require()`, `require()` and `import()`.
import tseslint from 'typescript-eslint';

const VSCODE = { names: ['vscode'], message: 'Only src/extension may import vscode (house-style: shared code runs in workers, the CLI and tests).' };
const EXTENSION = { patterns: ['**/extension', '**/extension/**'], message: 'Nothing imports src/extension.' };
const FS = { names: ['fs', 'node:fs', 'fs/promises', 'node:fs/promises'], message: 'The engine does no I/O (house-style).' };
const NODE = {
  patterns: ['node:*', 'fs', 'fs/*', 'path', 'os', 'child_process', 'worker_threads', 'crypto', 'util', 'stream', 'zlib', 'buffer'],
  message: 'The webview runs in a browser: no Node modules.',
};

/** One area's import restrictions, for static imports and for require()/import() calls alike. */
function restrict(...groups) {
  const paths = groups.flatMap((g) => (g.names ?? []).map((name) => ({ name, message: g.message })));
  const patterns = groups.filter((g) => g.patterns).map((g) => ({ group: g.patterns, message: g.message }));
  // require('x') / import('x') with a literal: the same names, matched by a regular expression
  const globParts = { '**/': '(.*\\/)?', '**': '.*', '*': '[^\\/]*' };
  const toRegex = (p) => p.replace(/\*\*\/|\*\*|\*|[.+^${}()|[\]\\/]/g, (m) => globParts[m] ?? `\\${m}`);
  const calls = groups.map((g) => {
    const alternatives = [...(g.names ?? []).map((n) => toRegex(n)), ...(g.patterns ?? []).map(toRegex)];
    const re = `/^(${alternatives.join('|')})$/`;
    return [
      { selector: `CallExpression[callee.name='require'][arguments.0.value=${re}]`, message: g.message },
      { selector: `ImportExpression[source.value=${re}]`, message: g.message },
    ];
  });
  return {
    'no-restricted-imports': 'off',
    '@typescript-eslint/no-restricted-imports': ['error', { paths, patterns }],
    'no-restricted-syntax': ['error', ...calls.flat()],
  };
}

export default tseslint.config(
  { ignores: ['dist/**', 'out/**', '.scratch/**', 'node_modules/**', '.vscode-test/**', 'samples/**', 'models/**', 'scripts/*.d.mts'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['src/**/*.ts'],
    ignores: ['src/extension/**'],
    rules: restrict(VSCODE, EXTENSION),
  },
  {
    files: ['src/engine/**/*.ts'],
    // backend.ts only looks for tfjs-backend-wasm's .wasm files next to the bundle (existsSync); no data I/O
    ignores: ['src/engine/backend.ts'],
    rules: restrict(VSCODE, EXTENSION, FS),
  },
  {
    files: ['src/webview/**/*.ts'],
    rules: restrict(VSCODE, EXTENSION, NODE),
  },
  {
    files: ['**/*.mjs', '**/*.cjs', 'test/**/*.ts'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', __dirname: 'readonly', require: 'readonly' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
