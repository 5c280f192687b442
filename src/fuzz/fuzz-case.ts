/**
 * What every surface generator produces and every target returns. A case is
 * rebuilt from (seed, surface, index) alone, so only those three cross the
 * worker boundary; the input is printed from the same rebuild.
 */

export const SURFACES = ['scenario', 'cli', 'command', 'driver', 'url'] as const;
export type Surface = (typeof SURFACES)[number];

export interface FuzzCase<Input = unknown> {
  input: Input;
  /**
   * What a refusal must name: any one of these (case-insensitive) in the
   * message. Empty: any non-empty message that is not a runtime error's.
   */
  mentions: string[];
  /** The generator knows the input breaks a documented rule, so accepting it is a finding. */
  mustRefuse?: string;
}

/**
 * refused: a documented refusal (CommandError, problem list, alert, exit 2) naming the problem.
 * accepted: ran within its bounds. crashed: anything else, including a refusal that names nothing.
 * unflagged: accepted although the generator knows it breaks a documented limit.
 */
export type Verdict = 'refused' | 'accepted' | 'crashed' | 'unflagged';

export interface Outcome {
  verdict: Verdict;
  /** The refusal or crash message (first lines), for the report. */
  detail: string;
}

const RUNTIME_MESSAGES =
  /Cannot read propert|Cannot set propert|is not a function|is not iterable|is not defined|Maximum call stack|Invalid array length|Invalid string length|Cannot convert|undefined is not|null is not|out of memory|Cannot create property|object is not extensible|read only property/i;

/** Does a refusal's text name the problem: one of the mentions, and not a runtime error's words? */
export function namesProblem(messages: readonly string[], mentions: readonly string[]): boolean {
  if (messages.length === 0 || messages.some((m) => m.trim() === '')) return false;
  const text = messages.join('\n');
  if (RUNTIME_MESSAGES.test(text)) return false;
  if (mentions.length === 0) return true;
  const lower = text.toLowerCase();
  return mentions.some((m) => lower.includes(m.toLowerCase()) || lower.includes(JSON.stringify(m).slice(1, -1).toLowerCase()));
}

/** The verdict for a documented refusal channel's messages. */
export function refusal(messages: readonly string[], mentions: readonly string[]): Outcome {
  const detail = messages.join('\n').slice(0, 600);
  if (namesProblem(messages, mentions)) return { verdict: 'refused', detail };
  return { verdict: 'crashed', detail: `refusal does not name the problem (expected one of ${JSON.stringify(mentions.map((m) => m.slice(0, 40)))}): ${detail}` };
}

export function crashed(error: unknown, where: string): Outcome {
  const text = error instanceof Error ? `${error.name}: ${error.message}\n${(error.stack ?? '').split('\n').slice(1, 6).join('\n')}` : String(error);
  return { verdict: 'crashed', detail: `${where}: ${text}`.slice(0, 1200) };
}

export function isCommandError(error: unknown): error is Error {
  return error instanceof Error && error.name === 'CommandError';
}

/** Combines the outcomes of a sequence: any crash wins, then unflagged, then any refusal. */
export function combine(outcomes: readonly Outcome[]): Outcome {
  for (const verdict of ['crashed', 'unflagged', 'refused'] as const) {
    const hit = outcomes.find((o) => o.verdict === verdict);
    if (hit) return hit;
  }
  return { verdict: 'accepted', detail: '' };
}
