import { stepMachine, type MachineAction } from './machine-step';
import { shardMachine, type ShardMachineContext, type ShardMachineEvent } from './shard.machine';

/**
 * A shard's machine state as plain data: what the engine stores per affected
 * shard and what a checkpoint or the view can copy freely.
 */
export interface ShardMachineState {
  value: 'healthy' | 'underReplicated' | 'rehoming' | 'lost';
  context: ShardMachineContext;
}

export interface ShardStep {
  state: ShardMachineState;
  actions: readonly MachineAction[];
  changed: boolean;
}

type MemoEntry = { value: ShardMachineState['value']; copies: number; copying: number; actions: MachineAction[]; changed: boolean };

/**
 * Steps the shard machine with a memo. A failure touches hundreds or
 * thousands of shards with the same few (state, event) shapes, and xstate's
 * transition costs tens of microseconds each. The shard machine's guards and
 * assignments read only the counts and the replication factor — never the
 * shard id — so every input that can matter is in the key, and each entry is
 * computed by xstate itself the first time it is seen.
 */
export class ShardStepper {
  private memo = new Map<string, MemoEntry>();

  initial(shardId: string, replicationFactor: number): ShardMachineState {
    return { value: 'healthy', context: { shardId, replicationFactor, copies: replicationFactor, copying: 0 } };
  }

  step(state: ShardMachineState, event: ShardMachineEvent): ShardStep {
    const c = state.context;
    const key = `${state.value}|${c.replicationFactor}|${c.copies}|${c.copying}|${event.type}|${event.copies}|${event.copying}`;
    let entry = this.memo.get(key);
    if (!entry) {
      const step = stepMachine(shardMachine, shardMachine.resolveState(state), event);
      entry = {
        value: step.snapshot.value as ShardMachineState['value'],
        copies: step.snapshot.context.copies,
        copying: step.snapshot.context.copying,
        actions: step.actions,
        changed: step.changed,
      };
      this.memo.set(key, entry);
    }
    if (!entry.changed && entry.copies === c.copies && entry.copying === c.copying) return { state, actions: entry.actions, changed: false };
    return {
      state: { value: entry.value, context: { ...c, copies: entry.copies, copying: entry.copying } },
      actions: entry.actions,
      changed: entry.changed,
    };
  }
}
