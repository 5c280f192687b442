import type { ClusterState, Metrics, Scenario, SimParams, TraceEntry } from '../engine/index';

/**
 * Lessons as data (teaching-embed.md §2): one JSON file a teacher writes without code, handed out as a link, graded
 * by replaying the learner's run. These are the shapes every part shares — the parser (parse-lesson.ts), the check
 * language (check/), the lesson walker and grader (run-lesson.ts, grade.ts), the CLI (src/cli/lesson/), the player
 * (src/ui/lesson/) and the grader page. A parsed lesson has its defaults filled in; `{{name}}` placeholders stay in
 * it until `applyVariant` substitutes one variant's values.
 */

/** Format version: additive changes keep "1". */
export type LessonFormat = '1';

/** A check: a JsonLogic-style expression (§2.3), data only. Evaluated by check/evaluate-check.ts. */
export type CheckExpr = unknown;

/** Where a lesson comes from in the four source documents the product teaches ("000" … "003"). */
export type LessonSource = '000' | '001' | '002' | '003';

export interface LessonChoice {
  id: string;
  text: string;
}

interface StepBase {
  id: string;
  /** Markdown (a small subset: **bold**, *em*, `code`, paragraphs, lists). May hold `{{variable}}` placeholders. */
  text?: string;
}

export interface NarrateStep extends StepBase {
  type: 'narrate';
  /** Plays the learner's run until the condition holds (evaluated on the live run, label `you`), then pauses. */
  play?: { until: CheckExpr; maxMs?: number };
  /** Public `data-testid`s to highlight while the step shows. */
  highlight?: string[];
  /** Advances by itself once this holds on the live run (a model event, never a timer). */
  advanceWhen?: CheckExpr;
}

export interface PredictStep extends StepBase {
  type: 'predict';
  prompt: string;
  choices?: LessonChoice[];
  numeric?: { unit: string; tolerance: number };
  why?: boolean;
  /** A choice id, or a number for `numeric`. */
  answer?: string | number;
}

export interface ObserveRun {
  label: string;
  /** Settable paths (`params.rehomeGraceMs`, the same paths `config.set` takes) → value, set before the run starts. */
  set?: Record<string, unknown>;
  /** CLI command forms, optionally `@<atMs>:` prefixed (default at 0). */
  commands?: string[];
}

export type LessonRunTarget = 'healthy' | 'idle' | 'converged' | { timeMs: number } | { check: CheckExpr };

export interface ObserveStep extends StepBase {
  type: 'observe';
  runs: ObserveRun[];
  until: LessonRunTarget;
  maxMs?: number;
  compare: { label: string; expr: CheckExpr; unit?: string }[];
}

export interface TaskStep extends StepBase {
  type: 'task';
  prompt: string;
  /** Command forms the learner may use: `node.crash`, `config.set:params.rehomeGraceMs` (a kind, or kind:path). */
  allowCommands?: string[];
  check: CheckExpr;
  hints?: string[];
  points?: number;
  /**
   * How the lesson walker (`lesson check`, the grader when the learner never pressed Check) plays the run after the
   * solution's commands before it evaluates `check`. Default 'healthy' (capped at maxMs / the engine horizon).
   */
  until?: LessonRunTarget;
  maxMs?: number;
}

export interface ExplainStep extends StepBase {
  type: 'explain';
  text: string;
  compareWithPrediction?: string;
}

export interface ReflectStep extends StepBase {
  type: 'reflect';
  prompt: string;
}

export interface AssertStep extends StepBase {
  type: 'assert';
  check: CheckExpr;
  role: 'lesson-invariant';
}

export type LessonStep = NarrateStep | PredictStep | ObserveStep | TaskStep | ExplainStep | ReflectStep | AssertStep;
export type LessonStepType = LessonStep['type'];

export interface LessonUi {
  /** Which console panels show: 'cluster', 'metrics', 'log', 'playback', 'failover', 'inspector', 'placement'. Default all. */
  panels?: string[];
  /** 'all' (default), 'playback' (play/step/seek only), 'none'. */
  controls?: 'all' | 'playback' | 'none';
  /** Command forms allowed outside task steps (task steps add their own). Default: all. */
  allowCommands?: string[];
  /** The scenario's own timeline cannot be dropped or edited. */
  lockTimeline?: boolean;
  start?: { timeMs: number } | { event: number };
}

export interface LessonGrading {
  /** step id → points. Task steps default to their `points` (or 1), predictions to 1. */
  points?: Record<string, number>;
  predictionCredit: 'participation' | 'correct' | 'none';
  /** Fraction of the points needed to pass, 0..1. Default 0.5. */
  passAt: number;
}

export interface LessonSolutionStep {
  commands?: string[];
  prediction?: string | number;
  why?: string;
}

export interface Lesson {
  lesson: LessonFormat;
  id: string;
  title: string;
  summary: string;
  objectives: string[];
  minutes: number;
  level: 'intro' | 'core' | 'advanced';
  source: LessonSource;
  authors?: string[];
  license?: string;
  /** A built-in scenario id, or a scenario object (the scenario-file format; may hold placeholders). */
  scenario: string | Record<string, unknown>;
  seed?: number;
  variables: Record<string, unknown>;
  variants: { by: 'student' | 'none'; values: Record<string, unknown>[] };
  ui: LessonUi;
  steps: LessonStep[];
  grading: LessonGrading;
  solution: Record<string, LessonSolutionStep>;
}

/** One variant of a lesson with its placeholders filled in, and its scenario validated. */
export interface ResolvedLesson {
  lesson: Lesson;
  variant: number;
  values: Record<string, unknown>;
  scenario: Scenario;
  seed: number;
}

// ------------------------------------------------------------------------------------------------------- checks

/** What a check reads about one run (§2.3). Lazy where building it costs: a run at 100,000 shards stays cheap. */
export interface RunView {
  readonly label: string;
  readonly state: ClusterState;
  readonly metrics: Metrics;
  readonly params: SimParams;
  readonly digest: string;
  readonly eventCount: number;
  readonly timeMs: number;
  readonly trace: readonly TraceEntry[];
  /** Entries of each kind that fell out of the kept trace window (`trace` holds the newest only): trace.count adds them. */
  readonly traceEvicted: Readonly<Record<string, number>>;
}

/** A prediction as the learner committed it. `atEvent`: the run's event count at commit time. */
export interface PredictionRecord {
  choice?: string;
  value?: number;
  why?: string;
  atEvent: number;
}

export interface CheckScope {
  runs: Record<string, RunView>;
  prediction: Record<string, PredictionRecord>;
}

// ------------------------------------------------------------------------------------------------------- results

/**
 * What a learner hands in (§2.7), as a URL's query: the lesson reference, a hash of the lesson text, the student,
 * the variant, every command with its moment (share-URL syntax), predictions with their event, free texts, tasks
 * passed with the event at which Check passed, and the moment the learner was at.
 */
export interface LessonResult {
  /** `lesson=` value: a built-in id or an https URL; or null with `lessonJson` carrying the lesson inline. */
  lessonRef: string | null;
  lessonJson: string | null;
  /** sha256 of the lesson text, first 8 hex characters. */
  lessonHash: string;
  student: string;
  variant: number;
  commands: { atMs: number; afterEvent: number; command: string }[];
  predictions: Record<string, PredictionRecord>;
  /** reflect step id / predict step's why → text. */
  texts: Record<string, string>;
  /** task step id → event count at which its Check passed. */
  done: Record<string, number>;
  eventCount: number;
  timeMs: number;
}

export interface StepGrade {
  id: string;
  type: LessonStepType;
  passed: boolean;
  points: number;
  maxPoints: number;
  /** Why not, in words (a prediction not committed, the check's false part). */
  detail?: string;
}

/** One row of the grader (CLI `--json` prints `{student, variant, steps:[{id,passed}], points, passed}` and more). */
export interface GradeRow {
  student: string;
  variant: number;
  steps: StepGrade[];
  points: number;
  maxPoints: number;
  passed: boolean;
  digest: string;
  /** Problems that made the result ungradable or partly so (hash mismatch, refused command). */
  problems: string[];
  texts: Record<string, string>;
}

// ------------------------------------------------------------------------------------------------------- observe

/** One headless run of an observe step, and how to open it in the console. */
export interface ObservedRun {
  label: string;
  digest: string;
  timeMs: number;
  eventCount: number;
  /** Whether the step's `until` was reached before its cap. */
  reached: boolean;
  /** A share query (`scenarioJson=…&seed=…&c=…&e=…&t=…`) that opens this run, at its end, in the console. */
  query: string;
  /** Commands the engine refused, in its words. */
  refused: string[];
}

/** An observe step's result: its runs and the comparison table (one row per `compare` entry, one value per run). */
export interface ObserveOutcome {
  stepId: string;
  runs: ObservedRun[];
  /** `errors`: a run whose value could not be computed → why, in words (its value is then null). */
  rows: { label: string; unit?: string; values: Record<string, unknown>; errors?: Record<string, string> }[];
}

/** A check evaluated: its value, whether it counts as passed (truthy), or the problem that stopped it. */
export interface CheckOutcome {
  passed: boolean;
  value: unknown;
  error?: string;
}
