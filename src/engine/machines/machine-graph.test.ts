// Goal: the statechart a learner sees is read from the real machine's own definition — its states, events, guards
// and delayed transitions — not drawn by hand, so a change to a machine shows up in the picture.
import { describe, expect, it } from 'vitest';
import { and, not, setup } from 'xstate';
import { copyJobMachine } from './copy-job.machine';
import { failoverManagerMachine } from './failover-manager.machine';
import { healthMonitorMachine } from './health-monitor.machine';
import { machineGraph, type MachineGraph } from './machine-graph';
import { nodeMachine } from './node.machine';
import { shardMachine } from './shard.machine';

const stateIds = (g: MachineGraph) => g.states.map((s) => s.id);
const edges = (g: MachineGraph) => g.transitions.map((t) => `${t.from} -${t.event}${t.guard ? `[${t.guard}]` : ''}-> ${t.to.join(',')}`);

describe('machineGraph over the real machines', () => {
  it('health monitor: the four beliefs, ACTIVE first, and what moves each one on', () => {
    const g = machineGraph(healthMonitorMachine);
    expect(g.machineId).toBe('healthMonitor');
    expect(g.initial).toBe('ACTIVE');
    expect(stateIds(g)).toEqual(expect.arrayContaining(['ACTIVE', 'SUSPECT', 'DEAD', 'REJOINING']));
    expect(g.states.find((s) => s.id === 'ACTIVE')).toMatchObject({ label: 'ACTIVE', parent: null, initial: true, final: false });
    // Whatever moves ACTIVE → SUSPECT → DEAD (a silence fact or a delayed transition), it is one of the machine's own
    // transitions; a heartbeat brings a SUSPECT node back and makes a DEAD one REJOINING.
    const to = (from: string, target: string) => g.transitions.filter((t) => t.from === from && t.to.includes(target));
    expect(to('ACTIVE', 'SUSPECT')).toHaveLength(1);
    expect(to('SUSPECT', 'DEAD')).toHaveLength(1);
    expect(to('SUSPECT', 'ACTIVE').map((t) => t.event)).toContain('heartbeat.received');
    expect(to('DEAD', 'REJOINING').map((t) => t.event)).toContain('heartbeat.received');
    expect(to('REJOINING', 'ACTIVE')).toHaveLength(1);
    for (const t of g.transitions.filter((t) => t.delay !== null)) expect(t.event).toBe(`after ${t.delay}`);
  });

  it('node lifecycle: destroyed is final; a crash, restart and replay are the events', () => {
    const g = machineGraph(nodeMachine);
    expect(g.initial).toBe('up');
    expect(stateIds(g)).toEqual(expect.arrayContaining(['up', 'crashed', 'restarting', 'destroyed']));
    expect(g.states.find((s) => s.id === 'destroyed')?.final).toBe(true);
    expect(g.states.filter((s) => s.final).map((s) => s.id)).toEqual(['destroyed']);
    expect(edges(g)).toEqual(
      expect.arrayContaining([
        'up -cmd.node.crash-> crashed',
        'crashed -cmd.node.restart-> restarting.replaying',
        'restarting.replaying -wal.replayFinished-> restarting.verifying',
        'restarting.replaying -wal.replayRefused-> restarting.refused',
      ]),
    );
    // Local recovery's phases are sub-states of restarting (design recovery-repair.md §3.5).
    expect(stateIds(g)).toEqual(expect.arrayContaining(['restarting.loadingSnapshot', 'restarting.replaying', 'restarting.verifying', 'restarting.refused']));
  });

  it('shard: guarded transitions keep their guard names, in the order the machine tries them', () => {
    const g = machineGraph(shardMachine);
    expect(g.initial).toBe('healthy');
    const committed = g.transitions.filter((t) => t.from === 'rehoming' && t.event === 'copy.committed');
    expect(committed.map((t) => t.guard)).toEqual(['backAtReplicationFactor', 'copyRunning', null]);
    expect(committed[0].to).toEqual(['healthy']);
    // A guarded transition without a target (counts recorded, state kept) is there with no target.
    expect(committed[1].to).toEqual([]);
  });

  it('shard: a transition the machine takes from any state is listed from the root, "*"', () => {
    const g = machineGraph(shardMachine);
    const removed = g.transitions.filter((t) => t.event === 'replica.removed');
    expect(removed.length).toBeGreaterThanOrEqual(1);
    expect(removed.some((t) => t.from === '*' && t.to.includes('lost') && t.guard === 'noCopiesLeft')).toBe(true);
  });

  it('failover manager: every step of the path, and the eventless ones as "always"', () => {
    const g = machineGraph(failoverManagerMachine);
    expect(g.initial).toBe('idle');
    expect(stateIds(g)).toEqual(
      expect.arrayContaining(['idle', 'removingFromRouter', 'removingFromCoordinator', 'computingTargets', 'callback']),
    );
    const fromIdle = g.transitions.filter((t) => t.from === 'idle');
    expect(fromIdle.map((t) => `${t.event}[${t.guard}] ${t.to.join()}`)).toContain('always[hasQueuedNode] removingFromRouter');
  });

  it("copy job: a stalled stream's own timer (after copyStreamTimeout) fails it; committed and dropped are final", () => {
    const g = machineGraph(copyJobMachine);
    expect(g.initial).toBe('queued');
    const timers = g.transitions.filter((t) => t.delay !== null);
    expect(timers.map((t) => `${t.from} -${t.event}-> ${t.to.join()}`).sort()).toEqual([
      'snapshotStalled -after copyStreamTimeout-> failed',
      'tailStalled -after copyStreamTimeout-> failed',
    ]);
    expect(timers.every((t) => t.delay === 'copyStreamTimeout')).toBe(true);
    expect(g.states.filter((s) => s.final).map((s) => s.id).sort()).toEqual(['committed', 'dropped']);
    expect(edges(g)).toContain('retargeted -copy.retargeted-> retargeted');
  });

  it('is memoised per machine: the same object each time', () => {
    expect(machineGraph(nodeMachine)).toBe(machineGraph(nodeMachine));
  });
});

describe('machineGraph over nested states, named and numeric delays, combined guards', () => {
  const copy = setup({
    types: { events: {} as { type: 'go' } | { type: 'fail' } },
    guards: { ready: () => true, slow: () => false },
    delays: { snapshotTimeoutMs: 5000 },
  }).createMachine({
    id: 'copy',
    initial: 'queued',
    states: {
      queued: { on: { go: { target: 'copying', guard: and(['ready', not('slow')]) } } },
      copying: {
        initial: 'snapshot',
        states: {
          snapshot: { after: { snapshotTimeoutMs: '#copy.failed', 10000: 'catchingUp' } },
          catchingUp: { on: { go: '#copy.committed' } },
        },
        on: { fail: 'failed' },
      },
      committed: { type: 'final' },
      failed: {},
    },
  });

  it('states carry their dotted path, their parent and which child starts', () => {
    const g = machineGraph(copy);
    expect(g.states).toEqual([
      { id: 'queued', label: 'queued', parent: null, initial: true, final: false },
      { id: 'copying', label: 'copying', parent: null, initial: false, final: false },
      { id: 'copying.snapshot', label: 'snapshot', parent: 'copying', initial: true, final: false },
      { id: 'copying.catchingUp', label: 'catchingUp', parent: 'copying', initial: false, final: false },
      { id: 'committed', label: 'committed', parent: null, initial: false, final: true },
      { id: 'failed', label: 'failed', parent: null, initial: false, final: false },
    ]);
  });

  it('delayed transitions name their delay; targets by #id resolve to dotted paths; and/not guards read as words', () => {
    const g = machineGraph(copy);
    expect(g.transitions).toEqual(
      expect.arrayContaining([
        { from: 'queued', to: ['copying'], event: 'go', guard: 'ready and not slow', delay: null },
        { from: 'copying.snapshot', to: ['failed'], event: 'after snapshotTimeoutMs', guard: null, delay: 'snapshotTimeoutMs' },
        { from: 'copying.snapshot', to: ['copying.catchingUp'], event: 'after 10000', guard: null, delay: '10000' },
        { from: 'copying.catchingUp', to: ['committed'], event: 'go', guard: null, delay: null },
        { from: 'copying', to: ['failed'], event: 'fail', guard: null, delay: null },
      ]),
    );
    expect(g.transitions).toHaveLength(5);
  });
});
