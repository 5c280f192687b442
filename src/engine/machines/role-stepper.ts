import { stepMachine } from './machine-step';
import { replicaRoleMachine, type RoleFacts } from './replica-role.machine';
import type { ReplicaRole } from '../types';

/**
 * The replica-role machine as a memoised function (role, facts) → role. A
 * partition touches every replica of thousands of shards with the same few
 * shapes; xstate computes each shape once and the engine stores only the
 * role string per replica.
 */
export class RoleStepper {
  private memo = new Map<string, ReplicaRole>();

  next(role: ReplicaRole, facts: RoleFacts): ReplicaRole {
    const key = `${role}|${+facts.up}${+facts.isPrimary}${+facts.hasQuorum}${+facts.hasPrimary}${+facts.linkedToPrimary}${+facts.caughtUp}`;
    let next = this.memo.get(key);
    if (next === undefined) {
      const from = replicaRoleMachine.resolveState({ value: role, context: undefined });
      const step = stepMachine(replicaRoleMachine, from, { type: 'observe', ...facts });
      next = step.snapshot.value as ReplicaRole;
      this.memo.set(key, next);
    }
    return next;
  }
}
