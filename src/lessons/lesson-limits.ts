/**
 * A lesson file's limits, like input-limits.ts for scenarios: a teacher's lesson fits in them with room to spare,
 * and a stranger's file cannot make the parser, the player or the grader work without bound.
 */

/** The whole lesson text (or its JSON form when given as a value). A lesson inlined in a URL (`lessonJson`) is smaller. */
export const MAX_LESSON_CHARS = 1_000_000;
export const MAX_LESSON_STEPS = 200;
/** One step's Markdown (text, prompt), a hint, a choice. */
export const MAX_LESSON_TEXT_CHARS = 20_000;
export const MAX_LESSON_VARIANTS = 100;
export const MAX_LESSON_VARIABLES = 100;
/** Choices of one predict step (a–z). */
export const MAX_LESSON_CHOICES = 26;
export const MAX_LESSON_HINTS = 20;
/** Runs of one observe step, each a headless run of the scenario. */
export const MAX_OBSERVE_RUNS = 8;
export const MAX_OBSERVE_COMPARE = 50;
/** Command forms in one list (solution, observe run, allowCommands). */
export const MAX_LESSON_COMMANDS = 1000;
export const MAX_LESSON_LIST_ITEMS = 100;
/** What a learner types into a result (a reflect answer, a prediction's why). */
export const MAX_ANSWER_CHARS = 10_000;
/** Points of one step. */
export const MAX_STEP_POINTS = 1000;
/** How long a lesson may say it takes, in minutes. */
export const MAX_LESSON_MINUTES = 600;
/**
 * How deep objects and lists may nest (a check expression is the deepest part of a real lesson, about 10). Walking
 * a value is recursive in places (placeholders, checks, scenarios), so deeper is refused before anything walks it.
 */
export const MAX_LESSON_DEPTH = 100;
