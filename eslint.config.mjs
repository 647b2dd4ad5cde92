// Lint: typescript-eslint's recommended rules plus the architecture from house-style.md — imports flow one way
// (extension, cli, worker → engine, data, store, protocol; webview → protocol and browser-safe engine parts),
// nothing imports extension/, and only extension/ may import 'vscode'.
import tseslint from 'typescript-eslint';

const noVscode = { name: 'vscode', message: 'Only src/extension may import vscode (house-style: shared code runs in workers, the CLI and tests).' };
const noExtension = { group: ['**/extension/**', '../extension', '../extension/*'], message: 'Nothing imports src/extension.' };
const nodeOnly = { group: ['node:*', 'fs', 'path', 'os', 'child_process', 'worker_threads'], message: 'The webview runs in a browser.' };

export default tseslint.config(
  { ignores: ['dist/**', 'out/**', 'node_modules/**', '.vscode-test/**', 'samples/**', 'models/**', 'scripts/*.d.mts'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['src/**/*.ts'],
    ignores: ['src/extension/**'],
    rules: { 'no-restricted-imports': ['error', { paths: [noVscode], patterns: [noExtension] }] },
  },
  {
    files: ['src/engine/**/*.ts'],
    ignores: ['src/engine/backend.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: [noVscode, { name: 'fs', message: 'The engine does no I/O.' }, { name: 'node:fs', message: 'The engine does no I/O.' }, { name: 'node:fs/promises', message: 'The engine does no I/O.' }], patterns: [noExtension] }],
    },
  },
  {
    files: ['src/webview/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [noVscode], patterns: [noExtension, nodeOnly] }] },
  },
  {
    files: ['**/*.mjs', 'test/**/*.ts'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', __dirname: 'readonly' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
