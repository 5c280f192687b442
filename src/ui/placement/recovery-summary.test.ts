// Goal: the placement grid's "Recovery" overlay marks each shard with a replica on a node replaying its log (R),
// catching up from peers (⇣) or known corrupt (⚠), in glyph and words, and counts them for the legend.
import { describe, expect, it } from 'vitest';
import type { NodeRecoveryView, NodeView, ShardView } from '../../engine/index';
import { countByRecovery, RECOVERY_GLYPH, RECOVERY_WORD, recoveryByNode, shardRecoveryState } from './recovery-summary';

const recovery = (phase: NodeRecoveryView['phase'], over: Partial<NodeRecoveryView> = {}): NodeRecoveryView => ({
  phase,
  crashKind: 'power',
  checkpointRecord: null,
  replay: null,
  amnesiac: false,
  corruptKnown: 0,
  catchUp: null,
  ...over,
});
const node = (id: string, r: NodeRecoveryView | null) => ({ id, recovery: r }) as unknown as NodeView;
const shard = (id: string, replicas: string[], roles: Array<{ node: string; role?: string; corrupt?: 'known' | 'truth' }> = [], inconsistent = false) =>
  ({
    id,
    replicas,
    inconsistent,
    corruptKnown: roles.filter((r) => r.corrupt === 'known').map((r) => r.node),
    replicaRoles: roles.map((r) => ({ role: 'secondary', voting: true, lsn: 1, heldLsn: 1, corrupt: null, amnesiac: false, ...r })),
  }) as unknown as ShardView;

describe('recovery overlay', () => {
  const nodes = [node('n1', recovery('serving')), node('n2', recovery('replaying')), node('n3', recovery('catchingUp')), node('n4', null)];
  const byNode = recoveryByNode(nodes);

  it('a replica on a replaying node makes its shard recovering; one catching up, catching up; a corrupt one wins', () => {
    expect(shardRecoveryState(shard('s001', ['n1', 'n2']), byNode)).toBe('recovering');
    expect(shardRecoveryState(shard('s002', ['n1', 'n3']), byNode)).toBe('catchingUp');
    expect(shardRecoveryState(shard('s003', ['n1', 'n4'], [{ node: 'n1', role: 'catchingUp' }]), byNode)).toBe('catchingUp');
    expect(shardRecoveryState(shard('s004', ['n1', 'n2'], [{ node: 'n1', corrupt: 'known' }]), byNode)).toBe('corrupt');
    expect(shardRecoveryState(shard('s005', ['n1', 'n4']), byNode)).toBe('none');
    // Only what cp knows: a corruption nobody has noticed yet does not show.
    expect(shardRecoveryState(shard('s006', ['n1', 'n4'], [{ node: 'n1', corrupt: 'truth' }]), byNode)).toBe('none');
    expect(shardRecoveryState(shard('s007', ['n1', 'n4'], [{ node: 'n1', corrupt: 'known' }], true), byNode)).toBe('inconsistent');
  });

  it('glyphs and words, never colour alone; counts for the legend', () => {
    expect(RECOVERY_GLYPH).toMatchObject({ recovering: 'R', catchingUp: '⇣', corrupt: '⚠', inconsistent: 'I' });
    expect(RECOVERY_WORD.recovering).toBe('a replica is replaying its log');
    const counts = countByRecovery([shard('s001', ['n2']), shard('s002', ['n3']), shard('s003', ['n1'])], byNode);
    expect(counts).toEqual({ none: 1, recovering: 1, catchingUp: 1, corrupt: 0, inconsistent: 0 });
  });
});
