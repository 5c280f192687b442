import type { RecordedCommandText } from './build-lesson';

/**
 * What a recording needs from the console's share query (store/share-url.ts writes it): the scenario as a lesson
 * names it, the seed, and every command with its moment. The query is the console's own (the worker built it from
 * the run it holds), so it is read here without re-validating: anything odd is left for parseLesson to name.
 */
export interface QueryRun {
  /** A built-in id, or the scenario object (a loaded file, or a built-in run without its timeline). */
  scenario: string | Record<string, unknown>;
  /** The built-in id the run came from, if any. */
  builtInId: string | null;
  seed: number;
  commands: RecordedCommandText[];
  moment: { timeMs: number; eventCount: number };
}

/** `builtIn(id)` gives a built-in scenario's data (the console's registry), for `timeline=0` runs. */
export function readShareQuery(query: string, builtIn: (id: string) => object | undefined): QueryRun {
  const params = new URLSearchParams(query);
  const json = params.get('scenarioJson');
  const id = params.get('scenario');
  let scenario: string | Record<string, unknown>;
  if (json !== null) scenario = JSON.parse(fromBase64Url(json)) as Record<string, unknown>;
  else if (id !== null && params.get('timeline') === '0') scenario = { ...(builtIn(id) as Record<string, unknown>), timeline: [] };
  else scenario = id ?? '';
  const commands: RecordedCommandText[] = [];
  for (const entry of params.getAll('c')) {
    const match = /^([^@]+)@(\d+)@(.+)$/.exec(entry);
    if (match) commands.push({ atMs: Number(match[1]), afterEvent: Number(match[2]), cli: match[3] });
  }
  return {
    scenario,
    builtInId: json === null ? id : null,
    seed: Number(params.get('seed') ?? 0),
    commands,
    moment: { timeMs: Number(params.get('t') ?? 0), eventCount: Number(params.get('e') ?? 0) },
  };
}

function fromBase64Url(text: string): string {
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return new TextDecoder().decode(bytes);
}
