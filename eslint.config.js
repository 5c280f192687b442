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

/** The engine's own purity limits: no UI, rendering or store libraries, no upward imports. */
const ENGINE_PURITY = [
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
    group: [...layer('store'), ...layer('ui'), ...layer('scenarios'), ...layer('cli'), ...layer('embed'), ...layer('oracle')],
    message:
      'src/engine never imports upward (store, ui, scenarios, cli, embed, oracle). Invert the dependency instead.',
  },
];

/** Inside the engine, reaching back through index.ts would tie every module to every other (and make cycles). */
const ENGINE_NOT_THROUGH_OWN_DOOR = {
  regex: '^\\.{1,2}(/\\.\\.)*(/index(\\.[cm]?[jt]sx?)?)?/?$',
  message:
    "Engine modules import the module they need, never a door of their own (src/engine/index.ts is for the layers above; a folder's index.ts is for the modules outside it): that makes cycles.",
};

/**
 * sim/'s subsystems (failover/, migrator/, quorum/) are folders of one-job files behind their own
 * index.ts; from outside a folder only that door is used (and its state.ts, the record world.ts holds).
 */
const ENGINE_SUBSYSTEM_DOORS = {
  regex: '(^|/)(failover|migrator|quorum)/(?!(index|state)(\\.[cm]?[jt]sx?)?$)[^/]+$',
  message:
    "From outside sim/failover/, sim/migrator/ or sim/quorum/, import the folder's index.ts (world.ts may import its state.ts); its files are free to move inside.",
};

/** Every layer above the engine: `…/engine` or `…/engine/index` only, never a file behind it. */
const ENGINE_THROUGH_DOOR = {
  regex: '(^|/)engine/(?!index(\\.[cm]?[jt]sx?)?$).+',
  message:
    "Import the engine only through its public door ('…/engine/index'); if you need something it does not export, export it there.",
};

const XSTATE_OUTSIDE_MACHINES = {
  group: ['xstate', 'xstate/**', '@xstate/**'],
  message:
    'xstate is used only inside src/engine/machines/: the rest of the engine steps machines through the helpers exported there.',
};

/** One import-limits rule per file group (a later config entry replaces, not merges, an earlier one). */
const restrictImports = (/** @type {{paths?: object[], patterns?: object[]}} */ { paths = [], patterns = [] }) => ({
  'no-restricted-imports': 'off',
  '@typescript-eslint/no-restricted-imports': ['error', { paths, patterns }],
});

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
  // The e2e host pages' own scripts run in the browser, as a docs site's would.
  {
    files: ['e2e/hosts/**/*.js'],
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
  //   ui / embed / cli / oracle / testing  ->  store  ->  scenarios  ->  engine
  // Every layer above the engine enters it through its one public door,
  // src/engine/index.ts, so the engine's folders can be rearranged without
  // touching anyone else. xstate stays inside src/engine/machines/.
  // One @typescript-eslint/no-restricted-imports entry per file group (a later
  // entry replaces an earlier one), so each group lists all of its limits.
  // ---------------------------------------------------------------------------

  // The engine: pure, deterministic, framework-free.
  {
    files: ['src/engine/**/*.{ts,tsx}'],
    rules: {
      ...restrictImports({
        patterns: [...ENGINE_PURITY, ENGINE_NOT_THROUGH_OWN_DOOR, ENGINE_SUBSYSTEM_DOORS, XSTATE_OUTSIDE_MACHINES],
      }),
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

  // The machines folder is the one place that speaks xstate.
  {
    files: ['src/engine/machines/**/*.{ts,tsx}'],
    rules: restrictImports({ patterns: [...ENGINE_PURITY, ENGINE_NOT_THROUGH_OWN_DOOR, ENGINE_SUBSYSTEM_DOORS] }),
  },

  // Engine tests may use whatever they need (timers, React, fast-check seeds, the door, ...).
  {
    files: ['src/engine/**/*.test.{ts,tsx}', 'src/engine/**/*.test-helper.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': 'off',
      'no-restricted-globals': 'off',
      'no-restricted-properties': 'off',
    },
  },

  // Every layer above the engine (cli, oracle, testing, fuzz, and any new one):
  // the engine only through its door, no xstate. The groups below add their own limits.
  {
    files: ['src/**/*.{ts,tsx}'],
    ignores: ['src/engine/**'],
    rules: restrictImports({ patterns: [ENGINE_THROUGH_DOOR, XSTATE_OUTSIDE_MACHINES] }),
  },

  // Scenarios sit on top of the engine only. They are a layer of their own, not
  // part of the engine: they validate outside input with the engine's public
  // vocabulary (limits, problem text, command checks), which the store and CLI
  // need too, so it belongs in the door rather than in a private side entrance.
  {
    files: ['src/scenarios/**/*.{ts,tsx}'],
    rules: restrictImports({
      patterns: [
        {
          group: [...layer('store'), ...layer('ui'), ...layer('embed'), ...layer('cli')],
          message: 'src/scenarios must not import store, ui, embed or cli.',
        },
        ENGINE_THROUGH_DOOR,
        XSTATE_OUTSIDE_MACHINES,
      ],
    }),
  },

  // The store may use engine + scenarios, but not the presentation layers.
  {
    files: ['src/store/**/*.{ts,tsx}'],
    rules: restrictImports({
      patterns: [
        {
          group: [...layer('ui'), ...layer('embed'), ...layer('cli')],
          message: 'src/store must not import ui, embed or cli.',
        },
        ENGINE_THROUGH_DOOR,
        XSTATE_OUTSIDE_MACHINES,
      ],
    }),
  },

  // The UI and the driver API: React's API as far as Preact's compat layer has it.
  {
    files: ['src/ui/**/*.{ts,tsx}', 'src/embed/**/*.{ts,tsx}', 'src/main.tsx'],
    rules: {
      ...restrictImports({ patterns: [ENGINE_THROUGH_DOOR, XSTATE_OUTSIDE_MACHINES] }),
    },
  },
]);
