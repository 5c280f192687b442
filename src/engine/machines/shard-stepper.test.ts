// Goal: the memoized shard stepper answers exactly what xstate's own transition answers, for every state, event and count.
import { describe, expect, it } from 'vitest';
import { stepMachine } from './machine-step';
import { ShardStepper, type ShardMachineState } from './shard-stepper';
import { shardMachine, type ShardMachineEvent } from './shard.machine';

const STATES: ShardMachineState['value'][] = ['healthy', 'underReplicated', 'rehoming', 'lost'];
const TYPES: ShardMachineEvent['type'][] = ['replica.removed', 'copy.started', 'copy.failed', 'copy.committed', 'replica.reinstated'];

describe('ShardStepper', () => {
  it('matches xstate for every combination, twice (cold memo, then warm)', () => {
    const stepper = new ShardStepper();
    for (let round = 0; round < 2; round++)
      for (const rf of [1, 3, 5])
        for (const value of STATES)
          for (let copies = 0; copies <= rf; copies++)
            for (const type of TYPES)
              for (let next = 0; next <= rf; next++)
                for (const copying of [0, 1, 2]) {
                  const state: ShardMachineState = { value, context: { shardId: `s${round}${rf}`, replicationFactor: rf, copies, copying: 0 } };
                  const event = { type, copies: next, copying } as ShardMachineEvent;
                  const direct = stepMachine(shardMachine, shardMachine.resolveState(state), event);
                  const memo = stepper.step(state, event);
                  expect(memo.state.value).toBe(direct.snapshot.value);
                  expect(memo.state.context).toEqual(direct.snapshot.context);
                  expect(memo.actions.map((a) => a.type)).toEqual(direct.actions.map((a) => a.type));
                  expect(memo.changed).toBe(direct.changed);
                }
  });
});
