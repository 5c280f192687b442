import { formatCliCommand, MAX_SIM_HORIZON_MS, MAX_URL_EVENT_COUNT } from '../engine/index';
import { manualFrames } from '../store/frame-scheduler';
import { ConsoleSession } from '../store/session';
import { decodeShareParams } from '../store/share-url';
import { getBuiltInScenario } from '../scenarios/registry';
import { fuzzBuiltInIds } from './fuzz-built-ins';
import { namesOf, validCommand } from './command-cases';
import { crashed, refusal, type FuzzCase, type Outcome } from './fuzz-case';
import { BAD_NUMBERS, garbage, longLength, longString, ODD_STRINGS, textOf } from './garbage';
import type { FuzzRng } from './rng';
import { mutatedScenario } from './scenario-cases';
import { drawLikeThePage } from './view-checks';

/**
 * Share URLs: the parameters `encodeShareParams` writes (scenario or
 * scenarioJson, timeline, seed, c, e, t, speed, theme, reducedMotion), then
 * a value replaced, dropped, doubled or pushed past its limit. The target is
 * the page's load path without the DOM: decode, restore into a session,
 * publish and draw the charts, then check the session's own share URL
 * decodes without a problem.
 */

export interface UrlInput {
  search: string;
}

function toBase64Url(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64').replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** Short runs keep accepted cases quick; the limits themselves come from mutations. */
const TIMES = [0, 1000, 5000, 20_000, 60_000];

export function urlCase(rng: FuzzRng): FuzzCase<UrlInput> {
  const params: [string, string][] = [];
  let names = namesOf(getBuiltInScenario('rehome-worked-example')!);
  // A recorded command that no longer applies is skipped by name (the command and why), whatever else was wrong.
  const mentions: string[] = ['URL parameter c', 'Skipped "', 'was skipped'];
  let mustRefuse: string | undefined;
  if (rng.chance(0.7)) {
    const id = rng.pick(fuzzBuiltInIds());
    names = namesOf(getBuiltInScenario(id)!);
    params.push(['scenario', id]);
  } else if (rng.chance(0.8)) {
    const s = mutatedScenario(rng);
    let json: string;
    try {
      json = JSON.stringify(s.input) ?? 'null';
    } catch {
      json = '[';
    }
    params.push(['scenarioJson', toBase64Url(json)]);
    mentions.push('scenarioJson');
  }
  if (rng.chance(0.3)) params.push(['timeline', rng.pick(['0', '1'])]);
  if (rng.chance(0.6)) params.push(['seed', String(rng.int(0, 0xffffffff))]);
  let atMs = 0;
  let events = 0;
  for (let i = rng.int(0, 3); i > 0; i--) {
    atMs += rng.pick([0, 1000, 5000]);
    events += rng.int(0, 200);
    params.push(['c', `${atMs}@${events}@${formatCliCommand(validCommand(rng, names))}`]);
  }
  if (rng.chance(0.5)) params.push(['e', String(events + rng.int(0, 300))]);
  if (rng.chance(0.6)) params.push(['t', String(Math.max(atMs, rng.pick(TIMES)))]);
  if (rng.chance(0.2)) params.push(['speed', rng.pick(['0.25', '1', '8', '32'])]);
  if (rng.chance(0.2)) params.push(['theme', rng.pick(['light', 'dark'])]);
  if (rng.chance(0.2)) params.push(['reducedMotion', rng.pick(['0', '1'])]);

  for (let i = rng.pick([0, 1, 1, 2]); i > 0; i--) {
    const roll = rng.int(0, 6);
    if (roll <= 1 && params.length > 0) {
      const p = rng.pick(params);
      p[1] = rng.chance(0.5) ? textOf(garbage(rng)).slice(0, 11_000_000) : String(rng.pick([...BAD_NUMBERS, ...ODD_STRINGS]));
      mentions.push(p[0]);
      const first = params.find(([name]) => name === p[0]) === p; // the page reads a parameter's first value
      if (first && p[0] === 'theme' && !['light', 'dark'].includes(p[1])) mustRefuse = `theme=${p[1].slice(0, 20)}`;
      if (first && p[0] === 'reducedMotion' && !['0', '1'].includes(p[1])) mustRefuse = `reducedMotion=${p[1].slice(0, 20)}`;
    } else if (roll === 2 && params.length > 0) {
      const p = rng.pick(params);
      params.push([p[0], p[1]]);
      mentions.push(p[0]);
    } else if (roll === 3) {
      const [name, value] = rng.pick([
        ['e', String(rng.pick([MAX_URL_EVENT_COUNT + 1, 9007199254740991, -1, 1.5]))],
        ['t', String(rng.pick([MAX_SIM_HORIZON_MS + 1, 1e15, -1, 21_600_000]))],
        ['seed', String(rng.pick([-1, 2 ** 32, 1.5]))],
        ['speed', String(rng.pick([0, -1, 65, 1e15]))],
        ['theme', rng.pick(['<script>alert(1)</script>', 'Dark', ''])],
        ['reducedMotion', rng.pick(['banana', 'true', '2'])],
      ] as const);
      const first = !params.some(([n]) => n === name);
      params.push([name, value]);
      mentions.push(name);
      if (first && (name === 'theme' || name === 'reducedMotion')) mustRefuse = `${name}=${value}`;
    } else if (roll === 4) {
      const cli = formatCliCommand(validCommand(rng, names));
      params.push(['c', rng.pick([`x@1@${cli}`, `1@x@${cli}`, `${cli}`, `0@0@${cli},extra`, `0@0@node.crash:n99`, `99999999999999@0@${cli}`, `0@0@${longString(rng, longLength(rng))}`])]);
      mentions.push('URL parameter c', 'skipped');
    } else if (roll === 5) {
      params.push(['scenarioJson', rng.pick(['!!!', '', '%%%', toBase64Url('{"nodes":'), toBase64Url('null'), toBase64Url('{"__proto__":{"polluted":1},"nodes":3,"shards":1}')])]);
      mentions.push('scenarioJson');
    } else {
      params.push(['scenario', rng.pick(['nope', '', '__proto__', 'constructor', 'toString', longString(rng, 300)])]);
      mentions.push('scenario');
    }
  }
  const search = new URLSearchParams(params).toString();
  return { input: { search: rng.chance(0.05) ? `${search}&%zz=%&&=x` : search }, mentions, ...(mustRefuse ? { mustRefuse } : {}) };
}

export function runUrlCase(c: FuzzCase<UrlInput>): Outcome {
  let problems: string[];
  let session: ConsoleSession;
  try {
    const decoded = decodeShareParams(c.input.search);
    problems = decoded.problems;
    session = new ConsoleSession(decoded.state.scenario, decoded.state.seed, manualFrames());
    session.restore(decoded.state);
    for (const problem of problems) session.alert(problem, 'url');
    drawLikeThePage(session);
  } catch (error) {
    return crashed(error, 'URL load path');
  }
  try {
    const again = decodeShareParams(session.shareQuery());
    if (again.problems.length > 0) return { verdict: 'crashed', detail: `the session's own share URL has problems: ${again.problems.join('; ').slice(0, 600)}` };
  } catch (error) {
    return crashed(error, 'share URL round trip');
  }
  const alerts = session.store.getState().alerts.map((a) => a.message);
  if (alerts.length > 0) return refusal(alerts, c.mentions);
  return c.mustRefuse ? { verdict: 'unflagged', detail: `no alert for ${c.mustRefuse}` } : { verdict: 'accepted', detail: '' };
}
