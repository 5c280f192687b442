/**
 * The test ids the kit relies on, keyed by the driver version that made them public (Grafana's
 * `@grafana/plugin-e2e` pattern: a semver-keyed map and a resolver). When a driver major renames an id, its new
 * spelling is added under that version and the old one stays here for one major, so a test suite can run against
 * both the old and the new console. Every id here is listed in contracts/testids.json (a unit test checks it).
 */
export type Versioned<T> = Record<string, T>;

export const versioned = {
  node: { '1.0': (id: string) => `node-${id}` },
  link: { '1.0': (a: string, b: string) => (b === 'cp' ? `link-${a}-cp` : a === 'cp' ? `link-${b}-cp` : `link-${a}-${b}`) },
  shard: { '1.0': (id: string) => `shard-${id}` },
  rack: { '1.0': (id: string) => `rack-${id}` },
  metric: { '1.0': (name: string) => `metric-${name}` },
  chart: { '1.0': (name: string) => `chart-${name}` },
  playback: {
    '1.0': {
      play: 'control-play',
      step: 'control-step',
      back: 'control-step-back',
      next: 'control-next',
      faster: 'control-faster',
      slower: 'control-slower',
      speed: 'control-speed',
      scrubber: 'control-scrubber',
      time: 'control-time',
      share: 'control-share',
      pauseReason: 'pause-reason',
    },
  },
  panels: {
    '1.0': {
      placement: 'placement',
      inspector: 'inspector',
      metrics: 'metrics',
      eventLog: 'event-log',
      failover: 'failover-panel',
      clusterMap: 'cluster-map',
      clusterSearch: 'cluster-search',
      scenario: 'scenario-select',
      seed: 'seed-input',
      overlayReplicas: 'overlay-replicas',
      overlayWrites: 'overlay-writes',
      partitionTool: 'partition-tool',
      heatmap: 'placement-heatmap',
    },
  },
  lesson: {
    '1.0': {
      player: 'lesson-player',
      step: 'lesson-step',
      progress: 'lesson-progress',
      continue: 'lesson-continue',
      choice: (id: string) => `lesson-choice-${id}`,
      number: 'lesson-number',
      why: 'lesson-why',
      commit: 'lesson-commit',
      observeTable: 'lesson-observe-table',
      check: 'lesson-check',
      checkResult: 'lesson-check-result',
      hint: 'lesson-hint',
      reflect: 'lesson-reflect',
      copyResult: 'lesson-copy-result',
      resultUrl: 'lesson-result-url',
      student: 'lesson-student',
    },
  },
  grader: {
    '1.0': {
      lessonBuiltIn: 'grader-lesson-builtin',
      input: 'grader-input',
      run: 'grader-run',
      row: (student: string) => `grader-row-${student}`,
    },
  },
  embed: {
    '1.0': {
      root: 'embed-root',
      openFull: 'embed-open-full',
      poster: 'embed-poster',
      run: 'embed-run',
      problems: 'embed-problems',
    },
  },
} as const;

type Latest<T> = T extends Versioned<infer V> ? V : never;

/** The test ids for one running driver version: each entry's newest spelling at or below that version. */
export type Selectors = { [K in keyof typeof versioned]: Latest<(typeof versioned)[K]> };
