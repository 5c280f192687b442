import { useMemo } from 'react';
import type { QuorumState } from '../../engine/index';
import { useConsole } from '../session-context';
import { quorumStatesFor, quorumWordsFor, type WriteRule } from './quorum-summary';

/** The writes overlay's states and words for this cluster (leaderless: by the write consistency level). */
export function useQuorumLegend(): { states: readonly QuorumState[]; words: Record<QuorumState, string> } {
  const replication = useConsole((s) => s.cluster.params.replication) as WriteRule['replication'];
  const writeConsistency = useConsole((s) => s.cluster.params.writeConsistency) as string;
  return useMemo(() => {
    const rule = { replication, writeConsistency };
    return { states: quorumStatesFor(rule), words: quorumWordsFor(rule) };
  }, [replication, writeConsistency]);
}
