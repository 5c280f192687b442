import { useId, useRef, useState } from 'react';
import type { Command } from '../../engine/index';
import { useConsole, useSession } from '../session-context';

/**
 * The FailoverManager's switches. Each change is a `config.set` command, so
 * it is recorded in the run, shared in the URL and undone by stepping back.
 */
export function FailoverSettings() {
  const session = useSession();
  const auto = useConsole((s) => s.cluster.failover.autoReReplicate);
  const async = useConsole((s) => s.cluster.failover.asyncReReplicate);
  const registered = useConsole((s) => registeredKey(s.cluster.failover.registeredNodes));
  const graceMs = useConsole((s) => s.cluster.params.rehomeGraceMs);
  const writesPerSec = useConsole((s) => s.cluster.workload.writesPerSec);
  const set = (path: string, value: Extract<Command, { type: 'config.set' }>['value']) =>
    session.dispatch({ type: 'config.set', path, value });
  const registeredId = useId();

  return (
    <fieldset className="failover-settings">
      <legend className="visually-hidden">FailoverManager settings</legend>
      <label className="failover-toggle">
        <input type="checkbox" checked={auto} onChange={(e) => set('failover.autoReReplicate', e.target.checked)} />
        <span>
          autoReReplicate <small>copy shards to new nodes when one dies</small>
        </span>
      </label>
      <label className="failover-toggle">
        <input type="checkbox" checked={async} onChange={(e) => set('failover.asyncReReplicate', e.target.checked)} />
        <span>
          asyncReReplicate <small>copy in the background; off blocks the path until copies end</small>
        </span>
      </label>
      <div className="failover-field">
        <label htmlFor={registeredId}>Registered nodes</label>
        <select
          id={registeredId}
          value={registered}
          onChange={(e) => {
            if (e.target.value === 'all') set('failover.registeredNodes', 'all');
            else if (e.target.value === 'none') set('failover.registeredNodes', []);
          }}
        >
          <option value="all">all — migrator reaches every node</option>
          <option value="none">none — callback-only fallback</option>
          {registered !== 'all' && registered !== 'none' && <option value={registered}>{registered}</option>}
        </select>
      </div>
      <GraceInput key={graceMs} graceMs={graceMs} onApply={(ms) => set('params.rehomeGraceMs', ms)} />
      <NumberField
        key={`w${writesPerSec}`}
        label="Client writes"
        unit="/s"
        value={writesPerSec}
        onApply={(v) => session.dispatch({ type: 'workload.set', writesPerSec: v })}
      />
    </fieldset>
  );
}

function registeredKey(nodes: 'all' | readonly string[]): string {
  if (nodes === 'all') return 'all';
  return nodes.length === 0 ? 'none' : `only ${nodes.join(', ')}`;
}

/**
 * A number box applied on Enter or when it loses focus, so typing does not
 * spam commands. Keyed on the value, so a change from elsewhere (stepping
 * back, a scenario) resets the box.
 *
 * Enter and the blur that follows it (tabbing away, clicking elsewhere, or
 * the box being replaced when the new value re-keys it) both call `apply`
 * before the console re-renders with the new value, so `value` is still the
 * old one the second time: the box remembers what it last applied and sends
 * each change once.
 */
function NumberField({
  label,
  unit,
  value,
  onApply,
}: {
  label: string;
  unit: string;
  value: number;
  onApply: (value: number) => Promise<{ ok: boolean }>;
}) {
  const id = useId();
  const [text, setText] = useState(String(value));
  const applied = useRef(value);
  const apply = () => {
    const parsed = Number(text);
    if (text.trim() === '' || !Number.isFinite(parsed) || parsed < 0) {
      setText(String(applied.current));
      return;
    }
    if (parsed === applied.current) return;
    const before = applied.current;
    applied.current = parsed;
    // Refused (the alert says why): the box shows the value that still holds.
    void onApply(parsed).then(({ ok }) => {
      if (ok) return;
      applied.current = before;
      setText(String(before));
    });
  };
  return (
    <div className="failover-field">
      <label htmlFor={id}>{label}</label>
      <span className="failover-grace">
        <input
          id={id}
          type="number"
          min={0}
          step={1}
          inputMode="decimal"
          value={text}
          onChange={(e) => setText(e.target.value)}
          onBlur={apply}
          onKeyDown={(e) => {
            if (e.key === 'Enter') apply();
          }}
        />
        {unit}
      </span>
    </div>
  );
}

function GraceInput({ graceMs, onApply }: { graceMs: number; onApply: (ms: number) => Promise<{ ok: boolean }> }) {
  return <NumberField label="Grace before re-homing" unit="s" value={graceMs / 1000} onApply={(s) => onApply(s * 1000)} />;
}
