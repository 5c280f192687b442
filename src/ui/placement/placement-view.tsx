import { useId, useMemo, useState } from 'react';
import { useConsole, useSession } from '../session-context';
import { NodeStrip } from './node-strip';
import { GRID_STATES, resolveShardQuery, STATE_GLYPH, STATE_WORD } from './placement-summary';
import { QUORUM_GLYPH, QUORUM_STATES } from './quorum-summary';
import { useQuorumLegend } from './use-quorum-words';
import { RECOVERY_GLYPH, RECOVERY_STATES, RECOVERY_WORD } from './recovery-summary';
import { countsByOverlay } from './shard-code-counts';
import { MAX_GRID_CELLS, ShardGrid, type GridOverlay } from './shard-grid';
import { ShardHeatmap } from './shard-heatmap';
import { useCodeHistogram, useDivergentShards, useShardCodes } from './use-shard-codes';
import { whatIfSummary } from '../what-if';
import { countDivergentQuiet, DIVERGENT_GLYPH } from './divergence-summary';
import './placement.css';

/**
 * Where every shard lives and which ones are in trouble: counts by state, the
 * nodes with their replica counts, and a grid of all shards (or, past
 * MAX_GRID_CELLS, a heat map of them). Selecting a shard opens it in the
 * inspector and lights the nodes that hold it. Counts come from the shard
 * codes, so they stay right when `cluster.shards` lists only some shards.
 */
export function PlacementView() {
  const shardCount = useConsole((s) => (s as { shardCodes?: Uint8Array }).shardCodes?.length ?? s.cluster.shards.length);
  const complete = useConsole((s) => (s as { shardsComplete?: boolean }).shardsComplete ?? true);
  const hasWorkload = useConsole((s) => s.cluster.workload.writesPerSec > 0 || s.cluster.metrics.writesAcked > 0);
  const [chosen, setOverlay] = useState<GridOverlay | null>(null);
  // Scenarios with client writes open on the writes view; the learner's choice wins once made.
  const overlay = chosen ?? (hasWorkload ? 'writes' : 'replicas');
  return (
    <section className="panel placement" aria-labelledby="placement-title" data-testid="placement">
      <div className="placement-head">
        <h2 id="placement-title">Shard placement</h2>
        <div className="overlay-toggle" role="group" aria-label="Colour shards by">
          {(['replicas', 'writes', 'recovery'] as const).map((o) => (
            <button key={o} type="button" aria-pressed={overlay === o} onClick={() => setOverlay(o)} data-testid={`overlay-${o}`}>
              {OVERLAY_LABEL[o]}
            </button>
          ))}
        </div>
        <FindShard total={shardCount} />
      </div>
      {overlay === 'writes' ? <QuorumCounts /> : overlay === 'recovery' ? <RecoveryCounts /> : <StateCounts />}
      <WhatIfNote />
      <NodeStrip />
      <div className="placement-body">
        {complete && shardCount <= MAX_GRID_CELLS ? <ShardGrid overlay={overlay} /> : <ShardHeatmap overlay={overlay} />}
      </div>
    </section>
  );
}

function StateCounts() {
  const counts = countsOf('replicas', GRID_STATES, useCodeHistogram());
  return <Counts testId="placement-counts" prefix="shard" states={GRID_STATES} counts={counts} glyph={STATE_GLYPH} word={STATE_WORD} />;
}

/** An overlay's counts by state name, from the codes' histogram (GRID_STATES etc. list states in code order). */
function countsOf<S extends string>(overlay: GridOverlay, states: readonly S[], histogram: Uint32Array): Record<S, number> {
  const counts = countsByOverlay(overlay, histogram);
  return Object.fromEntries(states.map((state, i) => [state, counts[i]])) as Record<S, number>;
}

const OVERLAY_LABEL: Record<GridOverlay, string> = { replicas: 'Replicas', writes: 'Writes', recovery: 'Recovery' };

function RecoveryCounts() {
  const counts = countsOf('recovery', RECOVERY_STATES, useCodeHistogram());
  // Leaderless: shards drawn ≠ (stale keys, nothing recovering) are counted there, not as "no replica recovering".
  const leaderless = useConsole((s) => s.cluster.params.replication === 'leaderless');
  const codes = useShardCodes();
  const divergentShards = useDivergentShards();
  const divergent = useMemo(() => countDivergentQuiet(codes, divergentShards), [codes, divergentShards]);
  const shown = divergent > 0 ? { ...counts, none: Math.max(0, counts.none - divergent) } : counts;
  return (
    <>
      <Counts testId="recovery-counts" prefix="recovery" states={RECOVERY_STATES} counts={shown} glyph={RECOVERY_GLYPH} word={RECOVERY_WORD} />
      {(leaderless || divergent > 0) && (
        <p className="state-counts" data-testid="divergent-counts">
          <span className={`state-count recovery-divergent${divergent === 0 ? ' is-zero' : ''}`}>
            <span className="state-swatch" aria-hidden="true">
              {DIVERGENT_GLYPH}
            </span>
            <span className="mono">{divergent}</span> a replica holds stale keys (truth)
          </span>
        </p>
      )}
    </>
  );
}

function QuorumCounts() {
  const counts = countsOf('writes', QUORUM_STATES, useCodeHistogram());
  // Leaderless: no primary states, and the words name the write consistency level.
  const legend = useQuorumLegend();
  return <Counts testId="quorum-counts" prefix="quorum" states={legend.states} counts={counts} glyph={QUORUM_GLYPH} word={legend.words} />;
}

/** A count per state, each with the swatch and glyph the grid uses for it. */
function Counts<S extends string>(props: {
  testId: string;
  prefix: string;
  states: readonly S[];
  counts: Record<S, number>;
  glyph: Record<S, string>;
  word: Record<S, string>;
}) {
  const { testId, prefix, states, counts, glyph, word } = props;
  return (
    <p className="state-counts" data-testid={testId}>
      {states.map((state) => (
        <span key={state} className={`state-count ${prefix}-${state}${counts[state] === 0 ? ' is-zero' : ''}`}>
          <span className="state-swatch" aria-hidden="true">
            {glyph[state]}
          </span>
          <span className="mono">{counts[state]}</span> {word[state]}
        </span>
      ))}
    </p>
  );
}

/** The what-if preview: while a fault button is hovered or focused, the copies it would cost (and writes, with clients). */
function WhatIfNote() {
  const whatIf = useConsole((s) => s.whatIf);
  const clientsWrite = useConsole((s) => s.cluster.workload.writesPerSec > 0);
  return (
    <p className="what-if-note" aria-live="polite" data-testid="what-if">
      {whatIf && whatIfSummary(whatIf, clientsWrite)}
    </p>
  );
}

function FindShard({ total }: { total: number }) {
  const session = useSession();
  const [text, setText] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const id = useId();
  return (
    <form
      className="find-shard"
      role="search"
      onSubmit={(e) => {
        e.preventDefault();
        const found = resolveShardQuery(text, total);
        if ('problem' in found) {
          setProblem(found.problem);
          return;
        }
        setProblem(null);
        session.select({ kind: 'shard', id: found.id });
      }}
    >
      <label htmlFor={id} className="visually-hidden">
        Find shard
      </label>
      <input
        id={id}
        value={text}
        placeholder="Find shard: s042"
        aria-invalid={problem !== null}
        aria-describedby={problem ? `${id}-problem` : undefined}
        onChange={(e) => {
          setText(e.target.value);
          setProblem(null);
        }}
      />
      <button type="submit">Find</button>
      <span id={`${id}-problem`} className="find-problem" aria-live="polite">
        {problem}
      </span>
    </form>
  );
}
