// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/** Modules that do I/O; the pure layers (core/, render/, commands/) may not import them. */
const ioModules = [
  'node:fs', 'node:fs/promises', 'fs', 'fs/promises', 'node:child_process', 'child_process', 'node:net', 'node:http',
  'node:https', 'node:sqlite', 'node:os', 'node:worker_threads', 'pg', 'probot', '@octokit/*', 'simple-git',
  '@duckdb/*', 'pino',
];

/**
 * The layers of src/, bottom to top (docs/architecture.md § 2). A folder imports only the folders below it;
 * adapters/ are wired in main/ alone (the composition root), so no other layer imports them.
 */
const layers = ['process', 'core', 'commands', 'config', 'ports', 'policy', 'render', 'engines', 'adapters', 'services', 'handlers', 'main', 'cli'];
const compositionOnly = ['adapters'];
/** Layers that do no I/O at all. */
const pureLayers = ['core', 'commands', 'render'];
const pureMessage = 'core/, render/ and commands/ are pure: no I/O.';

const enumRule = { selector: 'TSEnumDeclaration', message: 'Use a string-literal union, not an enum.' };

/** One rule block per layer: the folders above it (and adapters, outside main/) may not be imported. */
const layerRules = layers.map((layer, i) => {
  const above = layers.slice(i + 1);
  const forbidden = [...new Set([...above, ...(layer === 'main' || layer === 'adapters' ? [] : compositionOnly)])].filter((l) => l !== layer);
  return {
    files: [`src/${layer}/**/*.ts`],
    rules: {
      'no-restricted-imports': ['error', {
        ...(pureLayers.includes(layer) ? { paths: ioModules.filter((m) => !m.includes('*')).map((name) => ({ name, message: pureMessage })) } : {}),
        patterns: [
          { group: forbidden.flatMap((l) => [`**/${l}/*`, `**/${l}/**`]), message: `${layer}/ sits below ${forbidden.join(', ')}: dependencies point down the layers (docs/architecture.md § 2); adapters are wired in main/.` },
          ...(pureLayers.includes(layer) ? [{ group: ioModules.filter((m) => m.includes('*')), message: pureMessage }] : []),
        ],
      }],
      // import() obeys the same layers.
      'no-restricted-syntax': ['error', enumRule, ...forbidden.map((l) => ({
        selector: `ImportExpression[source.value=/(^|\\/)${l}\\//]`,
        message: `${layer}/ may not import ${l}/ (docs/architecture.md § 2).`,
      }))],
    },
  };
});

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', '.tools/**', 'coverage/**', 'examples/**/cdktf.out/**', 'bench/results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-syntax': ['error', enumRule],
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
  ...layerRules,
  {
    // The pure layers: no clock, no environment.
    files: pureLayers.map((l) => `src/${l}/**/*.ts`),
    rules: {
      'no-restricted-properties': ['error', { object: 'Date', property: 'now', message: 'Use the Clock port.' }, { object: 'process', property: 'env', message: 'Configuration comes in as values.' }],
    },
  },
);
