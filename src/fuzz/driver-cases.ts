import { createDriver, type FailoverLabDriver } from '../embed/driver-api';
import { createLocalConsole } from '../worker/local-console';
import { fuzzBuiltInIds } from './fuzz-built-ins';
import { mutateCommand, namesOf, smallScenario, SMALL_SCENARIOS, validCommand } from './command-cases';
import { combine, crashed, isCommandError, refusal, type FuzzCase, type Outcome } from './fuzz-case';
import { BAD_NUMBERS, garbage } from './garbage';
import type { FuzzRng } from './rng';
import { mutatedScenario } from './scenario-cases';
import { drawLikeThePage } from './view-checks';

/**
 * `window.failoverLab` calls, made on `createDriver` over the page's console
 * client and the engine worker's host joined by a MessageChannel: the real
 * protocol, structured clone included (it runs under Node: frames come from a
 * hand-cranked scheduler, and `location` — read only by getShareUrl — is a
 * stand-in set by the worker). Each case is a short sequence of awaited calls
 * with valid or bad arguments; after it the page's next frame is computed.
 */

export interface DriverCall {
  member: string;
  args: unknown[];
  /** Whether the generator broke an argument on purpose (a throw naming the member is then a refusal). */
  bad: boolean;
  mentions: string[];
  /** A dispatch of a command that breaks a documented rule: accepting it is a finding. */
  mustRefuse?: string;
}

export interface DriverInput {
  scenarioId: string;
  calls: DriverCall[];
  /** Frames cranked after the calls (play() only moves on frames). */
  frames: number;
}

const MEMBERS = [
  'dispatch', 'dispatch', 'dispatch', 'step', 'advanceBy', 'runUntil', 'getState', 'getTrace', 'digest', 'pause', 'play',
  'setSpeed', 'stepBack', 'seek', 'load', 'getSkippedCommands', 'getShareUrl', 'select',
] as const;

function badNumber(rng: FuzzRng): unknown {
  return rng.chance(0.8) ? rng.pick(BAD_NUMBERS) : garbage(rng);
}

function call(rng: FuzzRng, names: ReturnType<typeof namesOf>): DriverCall {
  const member = rng.pick(MEMBERS);
  const bad = rng.chance(0.4);
  const mentions = [member];
  const num = (valid: () => number) => (bad ? badNumber(rng) : valid());
  switch (member) {
    case 'dispatch': {
      const valid = validCommand(rng, names);
      if (!bad) return { member, args: [valid], bad, mentions: [valid.type, ...Object.values(valid).filter((v): v is string => typeof v === 'string')] };
      const m = mutateCommand(rng, valid);
      return { member, args: [m.raw], bad, mentions: m.mentions, ...(m.mustRefuse ? { mustRefuse: m.mustRefuse } : {}) };
    }
    case 'advanceBy':
      return { member, args: [num(() => rng.pick([0, 100, 1000, 10_000]))], bad, mentions };
    case 'runUntil': {
      const target = bad && rng.chance(0.5) ? garbage(rng) : rng.pick(['healthy', 'idle']);
      const options = bad && rng.chance(0.5) ? rng.pick([{ maxMs: badNumber(rng) }, garbage(rng), { maxMs: 1e15 }]) : { maxMs: rng.pick([1000, 30_000, 120_000]) };
      return { member, args: [target, options], bad, mentions: [...mentions, 'maxMs', 'target'] };
    }
    case 'getTrace':
      return { member, args: bad ? [garbage(rng)] : rng.chance(0.5) ? [] : [rng.int(0, 50)], bad, mentions };
    case 'setSpeed':
      return { member, args: [num(() => rng.pick([0.25, 1, 8, 32]))], bad, mentions };
    case 'stepBack':
      return { member, args: bad ? [badNumber(rng)] : rng.chance(0.3) ? [] : [rng.int(1, 50)], bad, mentions };
    case 'seek':
      return { member, args: [num(() => rng.pick([0, 1000, 5000, 30_000]))], bad, mentions };
    case 'load': {
      const roll = rng.int(0, 3);
      const what = roll === 0 ? rng.pick(fuzzBuiltInIds()) : roll === 1 ? mutatedScenario(rng).input : bad ? garbage(rng) : rng.pick(SMALL_SCENARIOS);
      const options = bad ? rng.pick([{ seed: badNumber(rng) }, { timeline: garbage(rng) }, garbage(rng)]) : rng.pick([{}, { seed: rng.int(0, 100) }, { timeline: false }]);
      return { member, args: [what, options], bad: bad || roll === 1, mentions: [...mentions, 'scenario', 'seed', 'timeline'] };
    }
    case 'select': {
      const valid = rng.pick([null, { kind: 'node', id: rng.pick(names.nodeIds) }, { kind: 'shard', id: rng.pick(names.shardIds) }]);
      return { member, args: [bad ? garbage(rng) : valid], bad, mentions };
    }
    default:
      return { member, args: [], bad: false, mentions };
  }
}

export function driverCase(rng: FuzzRng): FuzzCase<DriverInput> {
  const scenarioId = rng.pick(SMALL_SCENARIOS);
  const names = namesOf(smallScenario(scenarioId, true));
  const calls = Array.from({ length: rng.int(1, 6) }, () => call(rng, names));
  return { input: { scenarioId, calls, frames: rng.pick([0, 0, 3, 30]) }, mentions: [] };
}

/** A thrown Error counts as the driver refusing only if it says which member (and is not a runtime error). */
function thrownByName(error: unknown, c: DriverCall): Outcome {
  if (isCommandError(error)) return refusal([error.message], c.mentions);
  if (!(error instanceof Error)) return crashed(error, `driver.${c.member}`);
  const named = error.message.startsWith(`${c.member}:`) || error.message.startsWith(`${c.member} `);
  if (named && c.bad) return refusal([error.message], c.mentions);
  return crashed(error, `driver.${c.member}(${c.bad ? 'bad argument' : 'valid arguments'})`);
}

export async function runDriverCase(c: FuzzCase<DriverInput>): Promise<Outcome> {
  const local = createLocalConsole(smallScenario(c.input.scenarioId, true), 1);
  try {
    await local.ready;
    return await runCalls(c, local);
  } finally {
    local.client.dispose();
  }
}

async function runCalls(c: FuzzCase<DriverInput>, local: ReturnType<typeof createLocalConsole>): Promise<Outcome> {
  const { client, frames } = local;
  const driver = createDriver(client, local.ready) as unknown as Record<string, (...args: unknown[]) => Promise<unknown>> & FailoverLabDriver;
  const outcomes: Outcome[] = [];
  for (const each of c.input.calls) {
    try {
      const result = await driver[each.member](...each.args);
      if (each.member === 'dispatch' && (result as { ok: boolean }).ok === false) {
        outcomes.push(refusal([(result as { error: string }).error], each.mentions));
      } else if (each.mustRefuse) outcomes.push({ verdict: 'unflagged', detail: `driver.${each.member} accepted ${each.mustRefuse}` });
      else outcomes.push({ verdict: 'accepted', detail: '' });
    } catch (error) {
      outcomes.push(thrownByName(error, each));
      if (outcomes[outcomes.length - 1].verdict === 'crashed') return outcomes[outcomes.length - 1];
    }
  }
  try {
    for (let i = 1; i <= c.input.frames; i++) frames.tick(i * 16);
    // A read answers after every frame the ticks published: the page's store then holds the latest.
    await driver.getState();
    drawLikeThePage({ flush: () => {}, store: client.store });
    await driver.getShareUrl();
  } catch (error) {
    outcomes.push(crashed(error, 'the next frame after the calls'));
  }
  return combine(outcomes);
}
