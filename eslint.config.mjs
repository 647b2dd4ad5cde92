// Lint: typescript-eslint's recommended rules plus the architecture from house-style.md — imports flow one way:
// extension, cli, worker, training → engine, data, store, protocol, shared; webview → protocol, shared;
// protocol → shared; engine → shared (no data/, store/, training/); shared → nothing. Nothing imports extension/,
// only extension/ may import 'vscode', the engine does no file I/O and the webview uses no Node module; no file
// under src/ is over 300 lines without a `long-file:` comment saying why. Checked for `import`, `export … from`,
// `import x = require()`, `require()` and `import()`.
import tseslint from 'typescript-eslint';

const VSCODE = { names: ['vscode'], message: 'Only src/extension may import vscode (house-style: shared code runs in workers, the CLI and tests).' };
const EXTENSION = { patterns: ['**/extension', '**/extension/**'], message: 'Nothing imports src/extension.' };
const FS = { names: ['fs', 'node:fs', 'fs/promises', 'node:fs/promises'], message: 'The engine does no I/O (house-style).' };
/** Other folders of src/ by name, as relative import patterns ('../engine/x'; './x' inside a folder stays allowed). */
const folders = (...names) => names.flatMap((n) => ['../', '../../', '../../../'].flatMap((up) => [`${up}${n}`, `${up}${n}/**`]));
const NOT_FROM_PAGE = { patterns: folders('engine', 'data', 'store', 'training', 'worker', 'cli'), message: 'webview/ may import only protocol/ and shared/ (house-style: the page is a browser).' };
const NOT_FROM_PROTOCOL = { patterns: folders('engine', 'data', 'store', 'training', 'worker', 'cli', 'webview'), message: 'protocol/ may import only shared/ (house-style).' };
const NOT_FROM_ENGINE = { patterns: folders('data', 'store', 'training', 'worker', 'cli', 'webview', 'protocol'), message: 'engine/ imports only shared/ (house-style: pure maths on plain shapes).' };
const NOT_FROM_SHARED = { patterns: folders('engine', 'data', 'store', 'training', 'worker', 'cli', 'webview', 'protocol'), message: 'shared/ imports nothing but shared/ (house-style).' };
const TFJS = { patterns: ['@tensorflow/*'], message: 'shared/ holds plain data and plain JS: no tfjs.' };

/** A file over 300 lines needs a comment `long-file: <why>` near its top (house-style: small files). */
const longFileRule = {
  meta: { type: 'suggestion', schema: [], messages: { long: 'This file has {{lines}} lines (> 300): split it, or say why near the top in a `long-file: <reason>` comment.' } },
  create(context) {
    return {
      Program(node) {
        const source = context.sourceCode;
        const lines = source.lines.length;
        if (lines <= 300) return;
        const head = source.getAllComments().filter((c) => c.loc.start.line <= 20);
        if (!head.some((c) => /long-file:\s*\S{3,}/.test(c.value))) context.report({ node, messageId: 'long', data: { lines } });
      },
    };
  },
};

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
    plugins: { house: { rules: { 'long-file': longFileRule } } },
    rules: { 'house/long-file': 'error' },
  },
  {
    files: ['src/**/*.ts'],
    ignores: ['src/extension/**', 'src/engine/**', 'src/webview/**', 'src/protocol/**', 'src/shared/**'],
    rules: restrict(VSCODE, EXTENSION),
  },
  {
    files: ['src/engine/**/*.ts'],
    // backend.ts only looks for tfjs-backend-wasm's .wasm files next to the bundle (existsSync), and so does the
    // ONNX Runtime thread's entry for onnxruntime-web's; no data I/O
    ignores: ['src/engine/backend.ts', 'src/engine/models/onnx/onnxWorker.ts'],
    rules: restrict(VSCODE, EXTENSION, FS, NOT_FROM_ENGINE),
  },
  {
    files: ['src/engine/backend.ts', 'src/engine/models/onnx/onnxWorker.ts'],
    rules: restrict(VSCODE, EXTENSION, NOT_FROM_ENGINE),
  },
  {
    files: ['src/webview/**/*.ts'],
    rules: restrict(VSCODE, EXTENSION, NODE, NOT_FROM_PAGE),
  },
  {
    files: ['src/protocol/**/*.ts'],
    rules: restrict(VSCODE, EXTENSION, NODE, NOT_FROM_PROTOCOL),
  },
  {
    files: ['src/shared/**/*.ts'],
    rules: restrict(VSCODE, EXTENSION, NODE, NOT_FROM_SHARED, TFJS),
  },
  {
    files: ['**/*.mjs', '**/*.cjs', 'test/**/*.ts'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', __dirname: 'readonly', require: 'readonly' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
