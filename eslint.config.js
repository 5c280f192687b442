// @ts-check
import js from '@eslint/js';
import { defineConfig, globalIgnores } from 'eslint/config';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const DETERMINISM =
  'the engine is deterministic: time comes from the event queue, randomness from seeded streams.';

/** Import patterns that would make a lower layer depend on a higher one. */
const layer = (/** @type {string} */ name) => [`**/${name}`, `**/${name}/**`];

const engineRestrictedGlobals = [
  'Date',
  'setTimeout',
  'setInterval',
  'setImmediate',
  'requestAnimationFrame',
  'performance',
  'window',
  'document',
  'crypto',
].map((name) => ({ name, message: `Do not use \`${name}\` in src/engine: ${DETERMINISM}` }));

export default defineConfig([
  globalIgnores([
    'dist/',
    'node_modules/',
    'test-results/',
    'playwright-report/',
    'blob-report/',
    'coverage/',
  ]),

  js.configs.recommended,

  {
    files: ['**/*.{ts,tsx,mts,cts}'],
    extends: [tseslint.configs.recommended],
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_' },
      ],
    },
  },

  // Browser code.
  {
    files: ['src/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
  },

  // Node-side code: config files, e2e tests, CLI tools.
  {
    files: ['*.{js,ts,mjs,cjs}', 'e2e/**/*.ts', 'src/cli/**/*.ts'],
    languageOptions: { globals: { ...globals.node } },
  },

  // React hooks rules for the UI layers.
  {
    files: ['src/ui/**/*.{ts,tsx}', 'src/embed/**/*.{ts,tsx}', 'src/main.tsx'],
    extends: [reactHooks.configs.flat['recommended-latest']],
  },

  // ---------------------------------------------------------------------------
  // Layering. Dependencies flow downward only:
  //   ui / embed / cli  ->  store  ->  scenarios  ->  engine
  // ---------------------------------------------------------------------------

  // The engine: pure, deterministic, framework-free.
  {
    files: ['src/engine/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['react', 'react/**', 'react-dom', 'react-dom/**'],
              message: 'src/engine must not depend on React; it is a pure simulation core.',
            },
            {
              group: ['d3', 'd3/**', 'd3-*', 'd3-*/**'],
              message: 'src/engine must not depend on d3; rendering belongs in src/ui.',
            },
            {
              group: ['zustand', 'zustand/**'],
              message: 'src/engine must not depend on zustand; state stores belong in src/store.',
            },
            {
              group: [
                ...layer('store'),
                ...layer('ui'),
                ...layer('scenarios'),
                ...layer('cli'),
                ...layer('embed'),
              ],
              message:
                'src/engine never imports upward (store, ui, scenarios, cli, embed). Invert the dependency instead.',
            },
          ],
        },
      ],
      'no-restricted-globals': ['error', ...engineRestrictedGlobals],
      'no-restricted-properties': [
        'error',
        {
          object: 'Math',
          property: 'random',
          message: `Do not use Math.random() in src/engine: ${DETERMINISM}`,
        },
        ...['Date', 'setTimeout', 'setInterval', 'setImmediate', 'performance', 'crypto'].map(
          (property) => ({
            object: 'globalThis',
            property,
            message: `Do not use globalThis.${property} in src/engine: ${DETERMINISM}`,
          }),
        ),
      ],
    },
  },

  // Engine tests may use whatever they need (timers, React, fast-check seeds, ...).
  {
    files: ['src/engine/**/*.test.{ts,tsx}'],
    rules: {
      'no-restricted-imports': 'off',
      'no-restricted-globals': 'off',
      'no-restricted-properties': 'off',
    },
  },

  // Scenarios sit on top of the engine only.
  {
    files: ['src/scenarios/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [...layer('store'), ...layer('ui'), ...layer('embed'), ...layer('cli')],
              message: 'src/scenarios must not import store, ui, embed or cli.',
            },
          ],
        },
      ],
    },
  },

  // The store may use engine + scenarios, but not the presentation layers.
  {
    files: ['src/store/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [...layer('ui'), ...layer('embed'), ...layer('cli')],
              message: 'src/store must not import ui, embed or cli.',
            },
          ],
        },
      ],
    },
  },
]);
