import { expect as baseExpect, type Locator, type Page } from '@playwright/test';
import type { Metrics, MonitorBelief, NodeLifecycle, TraceEntry } from './driver.js';
import { pageOf, type Lab } from './lab.js';
import { readStatePart } from './state-part.js';
import type { NodeModel } from './models/cluster.js';

/** Playwright's own default for auto-waiting assertions. */
const DEFAULT_TIMEOUT = 5_000;

type Timeout = { timeout?: number };
type MatcherResult = { pass: boolean; message: () => string; name?: string; expected?: unknown; actual?: unknown };

function timeoutOf(state: unknown, opts?: Timeout): number {
  return opts?.timeout ?? (state as { timeout?: number }).timeout ?? DEFAULT_TIMEOUT;
}

/** Polls `read` until `ok` holds (or, under `.not`, until it does not), up to `timeout`; resolves to the last value. */
async function waitFor<T>(read: () => Promise<T>, ok: (value: T) => boolean, isNot: boolean, timeout: number): Promise<{ pass: boolean; value: T }> {
  const until = Date.now() + timeout;
  for (let delay = 50; ; delay = Math.min(delay * 2, 500)) {
    const value = await read();
    const pass = ok(value);
    if (pass !== isNot || Date.now() >= until) return { pass, value };
    await new Promise((r) => setTimeout(r, delay));
  }
}

function matches(entry: TraceEntry, where: Record<string, unknown>): boolean {
  return Object.entries(where).every(([key, want]) => {
    const have = key in entry ? (entry as unknown as Record<string, unknown>)[key] : entry.data[key];
    return want instanceof RegExp ? typeof have === 'string' && want.test(have) : JSON.stringify(have) === JSON.stringify(want);
  });
}

export const matchers = {
  /**
   * The control plane's belief about a node, as the engine holds it AND as the map shows it in words
   * (`node-<id>` contains ACTIVE / SUSPECT / DEAD / REJOINING). `truth` also asserts the process's lifecycle.
   */
  async toHaveHealth(this: unknown, node: NodeModel, health: MonitorBelief, opts?: Timeout & { truth?: NodeLifecycle }): Promise<MatcherResult> {
    const isNot = (this as { isNot?: boolean }).isNot ?? false;
    const timeout = timeoutOf(this, opts);
    const engine = await waitFor(
      () => node.state(),
      (n) => n.health === health && (opts?.truth === undefined || n.lifecycle === opts.truth),
      isNot,
      timeout,
    );
    let view = '';
    let viewPass = true;
    if (engine.pass) {
      const shown = await waitFor(async () => (await node.locator.textContent()) ?? '', (t) => t.includes(health), isNot, timeout);
      view = shown.value;
      viewPass = shown.pass;
    }
    const pass = engine.pass && viewPass;
    const truth = opts?.truth ? ` and ${opts.truth}` : '';
    return {
      name: 'toHaveHealth',
      pass,
      expected: health,
      actual: engine.value.health,
      message: () =>
        pass
          ? `expected ${node.id} not to be ${health}${truth}, and it is (engine and view)`
          : !engine.pass
            ? `expected ${node.id} to be ${health}${truth}; the engine says ${engine.value.health} (${engine.value.lifecycle}) at ${timeout} ms`
            : `expected the map to show ${node.id} ${health}; the engine agrees, the view shows ${JSON.stringify(view.trim())}`,
    };
  },

  /** A metric of `getState().metrics` (e.g. `underReplicatedShards`), polled until it equals `value`. */
  async toHaveMetric(this: unknown, lab: Lab, name: keyof Metrics, value: number | null, opts?: Timeout): Promise<MatcherResult> {
    const isNot = (this as { isNot?: boolean }).isNot ?? false;
    const got = await waitFor(() => readStatePart(lab.target, { part: 'metric', name }), (v) => v === value, isNot, timeoutOf(this, opts));
    return {
      name: 'toHaveMetric',
      pass: got.pass,
      expected: value,
      actual: got.value,
      message: () => `expected metrics.${String(name)} ${got.pass ? 'not ' : ''}to be ${value}; it is ${JSON.stringify(got.value)}`,
    };
  },

  /**
   * The trace (the engine's kept window) holds an entry of `kind` whose fields match `where` (top-level fields
   * such as `actor`, else `data`'s; a RegExp matches text). `count` asks for exactly that many.
   */
  async toHaveTrace(this: unknown, lab: Lab, kind: string, where: Record<string, unknown> = {}, opts?: Timeout & { count?: number }): Promise<MatcherResult> {
    const isNot = (this as { isNot?: boolean }).isNot ?? false;
    const got = await waitFor(
      async () => (await lab.call('getTrace')).filter((e) => e.kind === kind && matches(e, where)),
      (found) => (opts?.count === undefined ? found.length > 0 : found.length === opts.count),
      isNot,
      timeoutOf(this, opts),
    );
    const what = `${opts?.count ?? 'at least one'} "${kind}" entr${opts?.count === 1 || opts?.count === undefined ? 'y' : 'ies'}${Object.keys(where).length ? ` with ${JSON.stringify(where, (_k, v) => (v instanceof RegExp ? String(v) : v))}` : ''}`;
    return {
      name: 'toHaveTrace',
      pass: got.pass,
      message: () =>
        `expected the trace ${got.pass ? 'not ' : ''}to hold ${what}; found ${got.value.length}` +
        (got.value[0] ? `, the first: "${got.value[0].text}"` : ''),
    };
  },

  /** `runUntil(target, {maxMs})` reaches it: 'healthy' (every shard back to RF), 'idle' or 'converged'. */
  async toReach(this: unknown, lab: Lab, target: 'healthy' | 'idle' | 'converged', opts: { maxMs?: number } = {}): Promise<MatcherResult> {
    const result = await lab.call('runUntil', target, opts.maxMs === undefined ? undefined : { maxMs: opts.maxMs });
    return {
      name: 'toReach',
      pass: result.reached,
      message: () => `expected the run ${result.reached ? 'not ' : ''}to reach ${target}: ${result.reason} (at ${result.timeMs} ms)`,
    };
  },

  /**
   * The learner's result (Copy my result) passes when the teacher's grader page (`/grade.html`, same console)
   * replays it with its own copy of built-in lesson `lessonId`: the grader's row for the student is marked passed.
   */
  async toPassLesson(this: unknown, lab: Lab, lessonId: string, opts?: Timeout): Promise<MatcherResult> {
    const url = await lab.lesson.resultUrl();
    const student = new URL(url).searchParams.get('student') ?? '';
    const grader = await pageOf(lab.target).context().newPage();
    try {
      await grader.goto(new URL('/grade.html', url).href);
      const ids = lab.sel.grader;
      await grader.getByTestId(ids.lessonBuiltIn).selectOption(lessonId);
      await grader.getByTestId(ids.input).fill(url);
      await grader.getByTestId(ids.run).click();
      const row = grader.getByTestId(ids.row(student));
      await baseExpect(row).toHaveClass(/(^|\s)(passed|not-passed)(\s|$)/, { timeout: opts?.timeout ?? 60_000 });
      const passed = /(^|\s)passed(\s|$)/.test((await row.getAttribute('class')) ?? '');
      const cells = await row.locator('th, td').allInnerTexts();
      const words = cells.map((c) => c.replace(/\s+/g, ' ').trim()).join(' | ');
      return {
        name: 'toPassLesson',
        pass: passed,
        message: () => `expected the grader ${passed ? 'not ' : ''}to pass ${student}'s result for ${lessonId}; its row: ${words}`,
      };
    } finally {
      await grader.close();
    }
  },

  /**
   * No axe-core violations (WCAG 2.1 A/AA rules by default; `minImpact` ignores lesser ones) in the lab's page, a
   * page, or one region (a Locator). Needs the optional peer `@axe-core/playwright`.
   */
  async toHaveNoA11yViolations(
    this: unknown,
    subject: Lab | Page | Locator,
    opts: { tags?: string[]; disableRules?: string[]; minImpact?: 'minor' | 'moderate' | 'serious' | 'critical' } = {},
  ): Promise<MatcherResult> {
    let AxeBuilder: typeof import('@axe-core/playwright').default;
    try {
      AxeBuilder = (await import('@axe-core/playwright')).default;
    } catch {
      throw new Error('toHaveNoA11yViolations needs the optional peer dependency @axe-core/playwright: npm i -D @axe-core/playwright');
    }
    const isLocator = 'elementHandle' in subject && !('goto' in subject);
    const page = isLocator ? (subject as Locator).page() : 'target' in subject ? pageOf(subject.target) : (subject as Page);
    let builder = new AxeBuilder({ page }).withTags(opts.tags ?? ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']);
    if (isLocator) {
      const marker = `fl-a11y-${Math.random().toString(36).slice(2)}`;
      await (subject as Locator).evaluate((el, m) => el.setAttribute('data-fl-a11y', m), marker);
      builder = builder.include(`[data-fl-a11y="${marker}"]`);
    }
    if (opts.disableRules?.length) builder = builder.disableRules(opts.disableRules);
    const rank = ['minor', 'moderate', 'serious', 'critical'];
    const floor = rank.indexOf(opts.minImpact ?? 'minor');
    const violations = (await builder.analyze()).violations.filter((v) => rank.indexOf(v.impact ?? 'critical') >= floor);
    const lines = violations.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.length} element(s), e.g. ${v.nodes[0]?.target.join(' ')}`);
    return {
      name: 'toHaveNoA11yViolations',
      pass: violations.length === 0,
      message: () => (violations.length === 0 ? 'expected accessibility violations, found none' : `expected no accessibility violations, found ${violations.length}:\n${lines.join('\n')}`),
    };
  },
};

export const expect = baseExpect.extend(matchers);
