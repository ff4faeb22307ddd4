// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/** Modules that do I/O; the pure layers (core/, render/, commands/) may not import them. */
const ioModules = [
  'node:fs', 'node:fs/promises', 'fs', 'fs/promises', 'node:child_process', 'child_process', 'node:net', 'node:http',
  'node:https', 'node:sqlite', 'node:os', 'node:worker_threads', 'pg', 'probot', '@octokit/*', 'simple-git',
  '@duckdb/*', 'pino',
];

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', '.tools/**', 'coverage/**', 'examples/**/cdktf.out/**', 'bench/results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-syntax': ['error', { selector: 'TSEnumDeclaration', message: 'Use a string-literal union, not an enum.' }],
    },
  },
  {
    files: ['**/*.js'],
    languageOptions: { globals: { process: 'readonly', URL: 'readonly', console: 'readonly' } },
  },
  {
    // Test fakes read untyped JSON (webhook payloads, API bodies); the code under test validates it with zod.
    files: ['test/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    // The pure core: no I/O, no adapters, no services, no clock.
    files: ['src/core/**/*.ts', 'src/render/**/*.ts', 'src/commands/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: ioModules.filter((m) => !m.includes('*')).map((name) => ({ name, message: 'core/, render/ and commands/ are pure: no I/O.' })),
        patterns: [
          { group: ioModules.filter((m) => m.includes('*')), message: 'core/, render/ and commands/ are pure: no I/O.' },
          { group: ['**/adapters/**', '**/services/**', '**/handlers/**', '**/main/**', '**/engines/**', '**/cli/**'], message: 'Dependencies point inward: the pure layers import only core, config schemas and ports types.' },
        ],
      }],
      'no-restricted-properties': ['error', { object: 'Date', property: 'now', message: 'Use the Clock port.' }, { object: 'process', property: 'env', message: 'Configuration comes in as values.' }],
    },
  },
  {
    files: ['src/services/**/*.ts', 'src/handlers/**/*.ts', 'src/ports/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [{ group: ['**/adapters/**', '**/main/**', '**/cli/**'], message: 'Services and handlers use ports; adapters are wired in main/.' }],
      }],
    },
  },
);
