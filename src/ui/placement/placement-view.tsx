import { useId, useState } from 'react';
import { useConsole, useSession } from '../session-context';
import { NodeStrip } from './node-strip';
import { countByGridState, GRID_STATES, gridStateOf, needsAttention, resolveShardQuery, STATE_GLYPH, STATE_WORD } from './placement-summary';
import { QUORUM_GLYPH, QUORUM_STATES, QUORUM_WORD, countByQuorum } from './quorum-summary';
import { countByRecovery, RECOVERY_GLYPH, RECOVERY_STATES, RECOVERY_WORD, recoveryByNode } from './recovery-summary';
import { MAX_GRID_CELLS, ShardGrid, type GridOverlay } from './shard-grid';
import { whatIfSummary } from '../what-if';
import './placement.css';

/** How many at-risk shards the attention list names before summarising the rest. */
const ATTENTION_LIMIT = 40;

/**
 * Where every shard lives and which ones are in trouble: counts by state, the
 * nodes with their replica counts, and a grid of all shards (or, in very large
 * clusters, just the ones needing attention). Selecting a shard opens it in
 * the inspector and lights the nodes that hold it.
 */
export function PlacementView() {
  const shardCount = useConsole((s) => s.cluster.shards.length);
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
      {shardCount <= MAX_GRID_CELLS ? (
        <div className="placement-body">
          <ShardGrid overlay={overlay} />
        </div>
      ) : (
        <div className="placement-body">
          <p className="placement-note">
            {shardCount.toLocaleString('en')} shards are too many to draw one by one; below are the ones needing attention.
          </p>
          <AttentionList />
        </div>
      )}
    </section>
  );
}

function StateCounts() {
  const shards = useConsole((s) => s.cluster.shards);
  const rf = useConsole((s) => s.cluster.replicationFactor);
  return (
    <Counts testId="placement-counts" prefix="shard" states={GRID_STATES} counts={countByGridState(shards, rf)} glyph={STATE_GLYPH} word={STATE_WORD} />
  );
}

const OVERLAY_LABEL: Record<GridOverlay, string> = { replicas: 'Replicas', writes: 'Writes', recovery: 'Recovery' };

function RecoveryCounts() {
  const shards = useConsole((s) => s.cluster.shards);
  const nodes = useConsole((s) => s.cluster.nodes);
  const counts = countByRecovery(shards, recoveryByNode(nodes));
  return <Counts testId="recovery-counts" prefix="recovery" states={RECOVERY_STATES} counts={counts} glyph={RECOVERY_GLYPH} word={RECOVERY_WORD} />;
}

function QuorumCounts() {
  const shards = useConsole((s) => s.cluster.shards);
  return <Counts testId="quorum-counts" prefix="quorum" states={QUORUM_STATES} counts={countByQuorum(shards)} glyph={QUORUM_GLYPH} word={QUORUM_WORD} />;
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

function AttentionList() {
  const session = useSession();
  const shards = useConsole((s) => s.cluster.shards);
  const rf = useConsole((s) => s.cluster.replicationFactor);
  const { shards: list, total } = needsAttention(shards, ATTENTION_LIMIT);
  if (total === 0) return <p className="placement-note">Every shard has all its replicas.</p>;
  return (
    <ul className="attention-list">
      {list.map((shard) => (
        <li key={shard.id}>
          <button
            type="button"
            data-testid={`shard-${shard.id}`}
            data-state={shard.state}
            data-last-copy={gridStateOf(shard, rf) === 'lastCopy' || undefined}
            onClick={() => session.select({ kind: 'shard', id: shard.id })}
          >
            <span className="mono">{shard.id}</span> {STATE_WORD[gridStateOf(shard, rf)]} · {shard.liveCopies} live
          </button>
        </li>
      ))}
      {total > list.length && <li className="placement-note">and {total - list.length} more</li>}
    </ul>
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
