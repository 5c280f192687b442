import { stepMachine, type MachineEffect } from './machine-step';
import { shardPrimaryMachine, type ShardPrimaryEvent, type ShardPrimaryStateValue } from './shard-primary.machine';

/** A shard's leadership machine as plain data; null on the row means `leading` (no machine). */
export interface ShardPrimaryState {
  value: ShardPrimaryStateValue;
  timeoutMs: number;
}

export interface ShardPrimaryStep {
  state: ShardPrimaryState;
  effects: readonly MachineEffect[];
  changed: boolean;
}

export const LEADING: ShardPrimaryState = { value: 'leading', timeoutMs: 0 };

/**
 * Steps the shard-primary machine with a memo: a node that led a thousand
 * shards makes a thousand shards walk the same few shapes. The guards read
 * only the event, so (state, timeout, event) is the whole key; each entry is
 * computed by xstate itself the first time it is seen.
 */
export class ShardPrimaryStepper {
  private memo = new Map<string, ShardPrimaryStep>();

  step(state: ShardPrimaryState, event: ShardPrimaryEvent): ShardPrimaryStep {
    const facts = event.type === 'election.called' ? event.timeoutMs : 'configured' in event ? +event.configured : '';
    const key = `${state.value}|${state.timeoutMs}|${event.type}|${facts}`;
    let entry = this.memo.get(key);
    if (!entry) {
      const from = shardPrimaryMachine.resolveState({ value: state.value, context: { timeoutMs: state.timeoutMs } });
      const step = stepMachine(shardPrimaryMachine, from, event);
      entry = {
        state: { value: step.snapshot.value as ShardPrimaryStateValue, timeoutMs: step.snapshot.context.timeoutMs },
        effects: step.effects,
        changed: step.changed,
      };
      this.memo.set(key, entry);
    }
    return entry;
  }
}
