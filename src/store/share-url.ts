import {
  MAX_PLAYBACK_SPEED,
  MAX_SEED,
  MAX_SIM_HORIZON_MS,
  MAX_URL_COMMANDS,
  MAX_URL_EVENT_COUNT,
  MAX_URL_SCENARIO_JSON_CHARS,
  echoText,
  formatCliCommand,
  parseCliCommand,
  checkCommandAgainstCluster,
  type Scenario,
} from '../engine/index';
import { parseScenario } from '../scenarios/parse-scenario';
import { builtInScenarioIds, getBuiltInScenarioData, withoutProse } from '../scenarios/built-in-registry';
import type { RecordedCommand } from './run-recorder';

/**
 * The console's exact state as URL parameters:
 *
 *   ?scenario=<built-in id>        or  &scenarioJson=<base64url JSON> for a loaded file (at most MAX_URL_SCENARIO_JSON_CHARS)
 *   &timeline=0                    the scenario without its own timeline (a test or a learner drives the run)
 *   &seed=<n>
 *   &c=<atMs>@<afterEvent>@<command>   one per user command, in the CLI syntax (node.crash:n3); at most MAX_URL_COMMANDS
 *   &e=<events processed>&t=<time ms>  the moment to show
 *
 * Decoding never fails as a whole: each bad parameter becomes a problem that
 * names it, and a working default takes its place.
 */
export interface SharedState {
  scenario: Scenario;
  seed: number;
  commands: RecordedCommand[];
  eventCount: number | null;
  timeMs: number | null;
  speed: number | null;
}

export const DEFAULT_SCENARIO_ID = 'rehome-worked-example';

export function encodeShareParams(state: {
  scenario: Scenario;
  seed: number;
  commands: readonly RecordedCommand[];
  eventCount: number;
  timeMs: number;
}): string {
  const params = new URLSearchParams();
  const builtIn = getBuiltInScenarioData(state.scenario.id);
  // Prose aside: the console's built-ins carry none (it arrives on demand), the CLI's carry it all.
  const same = (a: Scenario) => JSON.stringify(a) === JSON.stringify(withoutProse(state.scenario));
  if (builtIn && same(builtIn)) params.set('scenario', state.scenario.id);
  else if (builtIn && builtIn.timeline.length > 0 && same(withoutTimeline(builtIn))) {
    params.set('scenario', state.scenario.id);
    params.set('timeline', '0');
  } else params.set('scenarioJson', toBase64Url(JSON.stringify(state.scenario)));
  params.set('seed', String(state.seed));
  for (const c of state.commands) params.append('c', `${c.atMs}@${c.afterEvent}@${formatCliCommand(c.command)}`);
  params.set('e', String(state.eventCount));
  params.set('t', String(state.timeMs));
  return params.toString();
}

/**
 * Why a link built by `encodeShareParams` could not be opened, or null when it can: a loaded file too big
 * for a URL would be refused by the page that receives it (and browsers cut URLs near 2 MB anyway).
 */
export function shareLinkProblem(query: string): string | null {
  const json = new URLSearchParams(query).get('scenarioJson');
  if (json === null || json.length <= MAX_URL_SCENARIO_JSON_CHARS) return null;
  return (
    `This scenario file is too big to share in a link: it takes ${json.length} characters, more than the limit of ` +
    `${MAX_URL_SCENARIO_JSON_CHARS}. Share the file itself; whoever loads it can follow the same steps.`
  );
}

export function decodeShareParams(search: string): { state: SharedState; problems: string[] } {
  const params = new URLSearchParams(search);
  const problems: string[] = [];
  const scenario = decodeTimelineChoice(params, decodeScenario(params, problems), problems);
  const seed = decodeInteger(params, 'seed', 0, MAX_SEED, problems) ?? scenario.seed;
  const commands = decodeCommands(params.getAll('c'), scenario, problems);
  // Both bounded: restoring replays the run up to this moment, and a run never goes idle.
  const eventCount = decodeInteger(params, 'e', 0, MAX_URL_EVENT_COUNT, problems);
  const timeMs = decodeTime(params, problems);
  const speedText = params.get('speed');
  let speed: number | null = null;
  if (speedText !== null) {
    const value = Number(speedText);
    if (Number.isFinite(value) && value > 0 && value <= MAX_PLAYBACK_SPEED) speed = value;
    else problems.push(`URL parameter speed: must be a number above 0 and at most ${MAX_PLAYBACK_SPEED}, got ${echoText(speedText)}; using 1×.`);
  }
  checkChoice(params, 'theme', ['light', 'dark'], 'the system\'s theme', problems);
  checkChoice(params, 'reducedMotion', ['0', '1'], 'the system\'s motion setting', problems);
  return { state: { scenario, seed, commands, eventCount, timeMs, speed }, problems };
}

function decodeScenario(params: URLSearchParams, problems: string[]): Scenario {
  const fallback = getBuiltInScenarioData(DEFAULT_SCENARIO_ID)!;
  const json = params.get('scenarioJson');
  if (json !== null) {
    // Refused before decoding: a link this long could not have come from a browser's address bar.
    if (json.length > MAX_URL_SCENARIO_JSON_CHARS) {
      problems.push(
        `URL parameter scenarioJson: ${json.length} characters, more than the limit of ${MAX_URL_SCENARIO_JSON_CHARS} ` +
          `(browsers cap a whole URL near 2 MB); loaded "${fallback.id}" instead.`,
      );
      return fallback;
    }
    let text: string;
    try {
      text = fromBase64Url(json);
    } catch {
      problems.push(`URL parameter scenarioJson: not valid base64url; loaded "${fallback.id}" instead.`);
      return fallback;
    }
    const parsed = parseScenario(text);
    if (parsed.ok) return parsed.scenario;
    problems.push(`URL parameter scenarioJson: ${parsed.problems.join('; ')}; loaded "${fallback.id}" instead.`);
    return fallback;
  }
  const id = params.get('scenario');
  if (id === null) return fallback;
  const found = getBuiltInScenarioData(id);
  if (found) return found;
  problems.push(
    `URL parameter scenario: unknown scenario ${echoText(id)} (built-in: ${builtInScenarioIds().join(', ')}); loaded "${fallback.id}" instead.`,
  );
  return fallback;
}

/** The scenario as given, or without its own timeline for `timeline=0`. */
function decodeTimelineChoice(params: URLSearchParams, scenario: Scenario, problems: string[]): Scenario {
  const text = params.get('timeline');
  if (text === null || text === '1') return scenario;
  if (text === '0') return withoutTimeline(scenario);
  problems.push(`URL parameter timeline: must be 0 (without the scenario's own timeline) or 1, got ${echoText(text)}; kept the timeline.`);
  return scenario;
}

/**
 * The scenario without its own scheduled commands: for a test or a learner
 * who drives the run themselves, so the scenario's crash at 5 s cannot
 * collide with theirs.
 */
export function withoutTimeline(scenario: Scenario): Scenario {
  return { ...scenario, timeline: [] };
}

/** A parameter with a few allowed values (read where it applies, e.g. boot.ts for theme): named when it is none of them. */
function checkChoice(params: URLSearchParams, name: string, allowed: readonly string[], fallback: string, problems: string[]): void {
  const text = params.get(name);
  if (text === null || allowed.includes(text)) return;
  const choices = allowed.map((a) => `"${a}"`).join(' or ').replace(/"(\d)"/g, '$1');
  problems.push(`URL parameter ${name}: must be ${choices}, got ${echoText(text)}; using ${fallback}.`);
}

function decodeInteger(params: URLSearchParams, name: string, min: number, max: number, problems: string[]): number | null {
  const text = params.get(name);
  if (text === null) return null;
  const value = Number(text);
  if (text.trim() !== '' && Number.isInteger(value) && value >= min && value <= max) return value;
  problems.push(`URL parameter ${name}: must be a whole number from ${min} to ${max}, got ${echoText(text)}; ignored.`);
  return null;
}

/**
 * A simulated time as `String(timeMs)` writes it: events fall between whole
 * milliseconds (copies, latencies), so the console's own links carry decimals.
 */
const TIME_TEXT = /^\d+(?:\.\d+)?(?:[eE][+-]?\d+)?$/;
const isTimeText = (text: string): boolean => TIME_TEXT.test(text) && Number(text) <= MAX_SIM_HORIZON_MS;

function decodeTime(params: URLSearchParams, problems: string[]): number | null {
  const text = params.get('t');
  if (text === null) return null;
  if (isTimeText(text)) return Number(text);
  problems.push(`URL parameter t: must be a number of ms from 0 to ${MAX_SIM_HORIZON_MS}, got ${echoText(text)}; ignored.`);
  return null;
}

function decodeCommands(all: string[], scenario: Scenario, problems: string[]): RecordedCommand[] {
  // Each command is replayed on load: past the limit the rest are refused, the first ones still apply.
  const entries = all.slice(0, MAX_URL_COMMANDS);
  if (all.length > MAX_URL_COMMANDS) {
    problems.push(
      `URL parameter c: ${all.length} commands, more than the limit of ${MAX_URL_COMMANDS}; the first ${MAX_URL_COMMANDS} apply, the last ${all.length - MAX_URL_COMMANDS} were skipped.`,
    );
  }
  const names = { nodeIds: scenario.nodes.map((n) => n.id), rackIds: [...new Set(scenario.nodes.map((n) => n.rack))] };
  const commands: RecordedCommand[] = [];
  entries.forEach((entry, index) => {
    const label = `URL parameter c (command ${index + 1}, ${echoText(entry)})`;
    const match = /^([^@]+)@(\d+)@(.+)$/.exec(entry);
    if (!match || !isTimeText(match[1])) {
      problems.push(`${label}: expected <timeMs>@<eventCount>@<command> with a time from 0 to ${MAX_SIM_HORIZON_MS} ms, e.g. 5000@812@node.crash:n3; skipped.`);
      return;
    }
    const parsed = parseCliCommand(match[3]);
    if (!parsed.ok) {
      problems.push(`${label}: ${parsed.error}; skipped.`);
      return;
    }
    const problem = checkCommandAgainstCluster(parsed.command, names);
    if (problem) {
      problems.push(`${label}: ${problem}; skipped.`);
      return;
    }
    const atMs = Number(match[1]);
    const afterEvent = Number(match[2]);
    const previous = commands[commands.length - 1];
    if (previous && (afterEvent < previous.afterEvent || atMs < previous.atMs)) {
      problems.push(`${label}: comes before the command ahead of it; commands must be in order; skipped.`);
      return;
    }
    commands.push({ atMs, afterEvent, command: parsed.command });
  });
  return commands;
}

function toBase64Url(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): string {
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  // A plain loop: Uint8Array.from with a mapping function is several times slower on a 2 MB link.
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return new TextDecoder().decode(bytes);
}
