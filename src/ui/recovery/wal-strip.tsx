import { memo, useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { formatLogOffset, formatRecordNo, type RecoveryModePreview, type WalRecordView, type WalView } from '../../engine/index';
import { formatBytes, formatSimTime } from '../format';
import { FATE_LOOK, recordDetails, recordWords, shownFate, TYPE_LOOK } from './recovery-words';
import { anchorNo, MAX_STRIP_CELLS, moveFocus, stripItems, type MarkerKind, type StripItem } from './wal-strip-model';

/** A phone shows fewer cells at once (they wrap into rows; more would push the details off screen). */
const PHONE_CELLS = 24;

const MARKER_WORDS: Record<MarkerKind, string> = {
  fsync: 'fsync line: what is before it survives a power loss',
  cursor: 'replay cursor: the next record replay reads',
  stop: 'stop point: replay accepted nothing from here on',
  preview: 'would stop here',
};

const MARKER_GLYPH: Record<MarkerKind, string> = { fsync: '┃', cursor: '▶', stop: '■', preview: '⟂' };

function useCellBudget(): number {
  const [phone] = useState(() => typeof window !== 'undefined' && window.matchMedia('(max-width: 600px)').matches);
  return phone ? PHONE_CELLS : MAX_STRIP_CELLS;
}

/**
 * The Log view (design §12): the node's write-ahead log since its checkpoint as a strip of cells, one per record,
 * each with its type and fate as glyph and word; the fsync line, the replay cursor and the stop point between
 * cells; older stretches as counts. Arrow keys move between records; the focused (or hovered) record's fields are
 * listed below as text.
 */
export function WalStrip(props: { wal: WalView; previews: readonly RecoveryModePreview[]; running: boolean; maxCells?: number }) {
  const { wal, previews, running } = props;
  const fits = useCellBudget();
  const budget = props.maxCells ?? fits;
  const [hoverNo, setHoverNo] = useState<number | null>(null);
  // Kept with the node it belongs to, so selecting another node starts by following its replay.
  const [focusAt, setFocusAt] = useState<{ node: string; no: number } | null>(null);
  const setFocusNo = (no: number | null) => setFocusAt(no === null ? null : { node: wal.node, no });
  /** Focus is on a cell: its fields are listed, whatever the mouse rests on (layout shifts fire hovers too). */
  const [focusInside, setFocusInside] = useState(false);
  const stripRef = useRef<HTMLDivElement>(null);
  const moved = useRef(false);
  // A new node, or a focus that left the log (a checkpoint dropped it): follow the replay again.
  const focusNo = focusAt?.node === wal.node ? focusAt.no : null;
  const focus = focusNo !== null && wal.records.some((r) => r.no === focusNo) ? focusNo : null;
  const previewStops = previews.some((p) => p.stopNo !== null) && !running ? previews : [];
  const items = stripItems(wal, { focusNo: focus, maxCells: budget, previews: previewStops });
  const tabNo = anchorNo(wal, focus);
  const shownNo = focusInside ? tabNo : (hoverNo ?? tabNo);
  const shown = shownNo === null ? undefined : wal.records.find((r) => r.no === shownNo);

  useEffect(() => {
    // Keyboard moves put focus on the new cell once it is drawn (the window may have shifted to include it).
    if (!moved.current || focus === null) return;
    moved.current = false;
    stripRef.current?.querySelector<HTMLButtonElement>(`[data-no="${focus}"]`)?.focus();
  }, [focus]);

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const from = tabNo;
    if (from === null) return;
    const next = moveFocus(wal, from, e.key, budget);
    if (next === null) return;
    e.preventDefault();
    // The console's global arrow keys step the run; inside the strip they move between records.
    e.stopPropagation();
    moved.current = true;
    setFocusNo(next);
  };

  const bytes = wal.records.reduce((sum, r) => sum + r.bytes, 0) + wal.olderSegments.reduce((sum, s) => sum + s.bytes, 0);
  const count = wal.records.length + wal.olderSegments.reduce((sum, s) => sum + s.records, 0);
  return (
    <section className="wal-view" aria-labelledby={`wal-title-${wal.node}`}>
      <h3 id={`wal-title-${wal.node}`}>Log</h3>
      <p className="wal-summary" data-testid="wal-summary">
        {count.toLocaleString('en-US')} {count === 1 ? 'record' : 'records'} since {wal.checkpoint ? `checkpoint ${formatRecordNo(wal.checkpoint.recordNo)}` : 'the start'} ({formatBytes(bytes)}) ·
        fsync line {wal.syncedUpToNo > 0 ? `after ${formatRecordNo(wal.syncedUpToNo)}` : 'before every record'} · mode <span className="mono">{wal.mode}</span> · fsync{' '}
        {wal.syncMode === 'perCommit' ? 'per commit' : 'periodic'} · {wal.stateStore === 'pages' ? 'page store' : 'in-memory store'}
      </p>
      <div
        className="wal-strip"
        role="group"
        aria-label={`Write-ahead log of ${wal.node} (arrow keys move between records)`}
        data-testid={`wal-strip-${wal.node}`}
        data-cursor={wal.cursorNo ?? undefined}
        data-stop={wal.stopNo ?? undefined}
        ref={stripRef}
        onKeyDown={onKeyDown}
        onMouseLeave={() => setHoverNo(null)}
        onFocus={() => setFocusInside(true)}
        onBlur={(e) => {
          if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setFocusInside(false);
        }}
      >
        {items.map((item) => (
          <StripPiece
            key={itemKey(item)}
            item={item}
            node={wal.node}
            lastNo={wal.records.at(-1)?.no ?? 0}
            tabbable={item.kind === 'record' && item.record.no === tabNo}
            focused={item.kind === 'record' && item.record.no === shownNo}
            onFocusRecord={setFocusNo}
            onHover={setHoverNo}
          />
        ))}
      </div>
      {focus !== null && (wal.cursorNo !== null || wal.stopNo !== null) && (
        <button type="button" className="wal-follow" onClick={() => setFocusNo(null)}>
          Follow the replay again
        </button>
      )}
      {shown ? <RecordDetails record={shown} /> : <p className="inspector-muted">{wal.records.length === 0 ? 'No records since the checkpoint.' : 'Move to a record to read its fields.'}</p>}
      {/* The key after the fields: the fields are what a learner stepping the replay reads; the key once. */}
      <WalKey />
    </section>
  );
}

function itemKey(item: StripItem): string {
  switch (item.kind) {
    case 'record':
      return `r${item.record.no}`;
    case 'marker':
      return `m${item.marker}${item.beforeNo ?? 'end'}`;
    case 'hidden':
      return `h${item.side}`;
    case 'segment':
      return `s${item.firstNo}`;
    case 'checkpoint':
      return 'ckpt';
  }
}

function StripPiece(props: {
  item: StripItem;
  node: string;
  /** The last record left in the log: a stop point past it means replay cut the tail off. */
  lastNo: number;
  tabbable: boolean;
  focused: boolean;
  onFocusRecord: (no: number) => void;
  onHover: (no: number | null) => void;
}) {
  const { item, node, lastNo, tabbable, focused, onFocusRecord, onHover } = props;
  switch (item.kind) {
    case 'checkpoint':
      return (
        <div className="wal-box wal-checkpoint" data-testid={`wal-checkpoint-${node}`}>
          <span aria-hidden="true">◆ </span>
          {item.recordNo === null ? (
            'no checkpoint yet: replay starts at the first record'
          ) : (
            <>
              checkpoint {formatRecordNo(item.recordNo)}
              {item.offset !== null && <> at {formatLogOffset(item.offset)}</>}
              {item.atMs !== null && <>, {formatSimTime(item.atMs)}</>}: replay starts after it
            </>
          )}
        </div>
      );
    case 'segment':
      return (
        <div className="wal-box wal-segment">
          {formatRecordNo(item.firstNo)}–{formatRecordNo(item.lastNo)}: {item.records.toLocaleString('en-US')} older records, {formatBytes(item.bytes)} (counted, not listed)
        </div>
      );
    case 'hidden':
      return (
        <button type="button" className="wal-box wal-hidden" tabIndex={-1} onClick={() => onFocusRecord(item.side === 'before' ? item.lastNo : item.firstNo)}>
          {item.side === 'before' ? '◀ ' : ''}
          {item.count.toLocaleString('en-US')} {item.side === 'before' ? 'earlier' : 'later'} records ({formatRecordNo(item.firstNo)}–{formatRecordNo(item.lastNo)})
          {item.holds.length > 0 && <>, with the {item.holds.map((m) => (m === 'preview' ? 'preview stop' : m === 'fsync' ? 'fsync line' : m)).join(', ')}</>}
          {item.damaged > 0 && (
            <>
              , {item.damaged} torn or failing a check <span aria-hidden="true">⚡</span>
            </>
          )}
          {item.side === 'after' ? ' ▶' : ''}
        </button>
      );
    case 'marker':
      return (
        <div className={`wal-marker wal-marker-${item.marker}`} data-testid={`wal-${item.marker}-${node}`} role="note">
          <span aria-hidden="true">{MARKER_GLYPH[item.marker]} </span>
          {item.marker === 'preview'
            ? `${item.modes!.join(', ')} ${MARKER_WORDS.preview}`
            : item.marker === 'stop' && item.beforeNo !== null && item.beforeNo > lastNo
              ? `stop point at ${formatRecordNo(item.beforeNo)}: replay cut it and everything after it off the log`
              : MARKER_WORDS[item.marker]}
        </div>
      );
    case 'record':
      return <RecordCell record={item.record} node={node} tabbable={tabbable} focused={focused} onFocusRecord={onFocusRecord} onHover={onHover} />;
  }
}

interface CellProps {
  record: WalRecordView;
  node: string;
  tabbable: boolean;
  focused: boolean;
  onFocusRecord: (no: number) => void;
  onHover: (no: number | null) => void;
}

/** The engine hands out new record objects on every publish: compare what the cell shows, so only changed cells redraw. */
function sameCell(a: CellProps, b: CellProps): boolean {
  const x = a.record;
  const y = b.record;
  return (
    x.no === y.no &&
    x.fate === y.fate &&
    x.synced === y.synced &&
    x.torn === y.torn &&
    x.crc === y.crc &&
    x.crcComputed === y.crcComputed &&
    x.type === y.type &&
    x.shard === y.shard &&
    x.shardLsn === y.shardLsn &&
    a.node === b.node &&
    a.tabbable === b.tabbable &&
    a.focused === b.focused
  );
}

const RecordCell = memo(function RecordCell(props: CellProps) {
  const { record: r, node, tabbable, focused, onFocusRecord, onHover } = props;
  const fate = shownFate(r);
  const type = TYPE_LOOK[r.type];
  const look = FATE_LOOK[fate];
  return (
    <button
      type="button"
      className={`wal-cell fate-${fate}${r.synced ? '' : ' is-unsynced'}${focused ? ' is-focused' : ''}`}
      data-testid={`wal-record-${node}-${r.no}`}
      data-no={r.no}
      data-type={r.type}
      data-fate={fate}
      tabIndex={tabbable ? 0 : -1}
      aria-label={recordWords(r)}
      aria-pressed={focused}
      title={recordWords(r)}
      onFocus={() => onFocusRecord(r.no)}
      onClick={() => onFocusRecord(r.no)}
      onMouseEnter={() => onHover(r.no)}
    >
      <span className="wal-cell-glyphs" aria-hidden="true">
        <span className={`wal-type-glyph glyph-${r.type}`}>{type.glyph}</span>
        <span className="wal-fate-glyph">{look.glyph}</span>
      </span>
      <span className="wal-cell-no" aria-hidden="true">
        {r.no.toLocaleString('en-US')}
      </span>
      <span className="wal-cell-words" aria-hidden="true">
        {type.short}
        <br />
        {look.short}
      </span>
    </button>
  );
}, sameCell);

function RecordDetails({ record }: { record: WalRecordView }) {
  return (
    <dl className="wal-details" data-testid="wal-record-details" aria-live="polite" aria-label={`Fields of record ${formatRecordNo(record.no)}`}>
      {recordDetails(record).map(([term, value]) => (
        <div key={term} className={term === 'Checksum' && record.crc !== record.crcComputed ? 'is-bad' : undefined}>
          <dt>{term}</dt>
          <dd className="mono">{value}</dd>
        </div>
      ))}
    </dl>
  );
}

/** What the glyphs mean, next to the strip (the strip's cells also say it to screen readers). */
function WalKey() {
  return (
    <p className="wal-key">
      {(['PUT', 'COMMIT', 'ABORT', 'PREPARE', 'CLR', 'STATE'] as const).map((t) => (
        <span key={t}>
          <b aria-hidden="true" className={`glyph-${t}`}>
            {TYPE_LOOK[t].glyph}
          </b>{' '}
          {TYPE_LOOK[t].word}
        </span>
      ))}
      {(['applied', 'skipped', 'discarded', 'torn', 'crcMismatch'] as const).map((f) => (
        <span key={f} className={`fate-${f}`}>
          <b aria-hidden="true">{FATE_LOOK[f].glyph}</b> {FATE_LOOK[f].word}
        </span>
      ))}
    </p>
  );
}
