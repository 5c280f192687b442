import type { Command, ShardId } from '../engine/index';
import type { ConsoleClient } from '../worker/console-client';
import type { WhatIf } from '../store/view-model';

/**
 * Props that make a fault button preview its effect: while it is hovered or
 * focused, the placement grid outlines the shards it would hit and a sentence
 * counts them (see `whatIfSummary`).
 */
export function previewProps(session: ConsoleClient, label: string, command: Command) {
  const show = () => session.previewFault(label, command);
  const hide = () => session.previewFault(label, null);
  return { onMouseEnter: show, onFocus: show, onMouseLeave: hide, onBlur: hide };
}

const shards = (n: number) => `${n} shard${n === 1 ? '' : 's'}`;

/**
 * The preview in one sentence. It leads with what every scenario is about,
 * the copies a fault costs (and how deep: down to one copy, or none); it
 * names writes only while clients write, and then says both.
 */
export function whatIfSummary(whatIf: WhatIf, clientsWrite: boolean): string {
  const { label } = whatIf;
  const { loseCopy, lastCopy, lost, stopWrites } = whatIf.effect;
  const writes = clientsWrite ? stopWrites : [];
  if (loseCopy.length === 0 && writes.length === 0)
    return `${label}: no shard would lose a copy${clientsWrite ? ' or stop taking writes' : ''} right away.`;
  let copies = loseCopy.length === 0 ? 'no shard would lose a copy' : `${shards(loseCopy.length)} would lose a copy (outlined)`;
  const depth = [
    lastCopy.length > 0 ? `${lastCopy.length} would be down to ${lastCopy.length === 1 ? 'its' : 'their'} last copy` : '',
    lost.length > 0 ? `${lost.length} would have none left (lost)` : '',
  ].filter(Boolean);
  if (depth.length > 0) copies += `: ${depth.join(' and ')}`;
  if (writes.length === 0) return `${label}: ${copies}.`;
  const losing = new Set(loseCopy);
  const amongThem = loseCopy.length > 0 && writes.every((id) => losing.has(id));
  const stop = amongThem
    ? `${writes.length} of them would stop taking writes at once`
    : `${shards(writes.length)} would stop taking writes at once (${loseCopy.length > 0 ? 'also ' : ''}outlined)`;
  return `${label}: ${copies}; ${stop}.`;
}

/**
 * The shards the grid outlines while a fault is previewed, each with the words
 * a screen reader hears: those that would lose a copy, and, while clients
 * write, those that would stop taking writes.
 */
export function outlinedShards(whatIf: WhatIf | null, clientsWrite: boolean): Map<ShardId, string> {
  const out = new Map<ShardId, string>();
  if (!whatIf) return out;
  const { loseCopy, lastCopy, lost, stopWrites } = whatIf.effect;
  const one = new Set(lastCopy);
  const none = new Set(lost);
  const stops = new Set(clientsWrite ? stopWrites : []);
  for (const id of loseCopy) {
    const depth = none.has(id) ? ', none left' : one.has(id) ? ', down to its last' : '';
    out.set(id, `would lose a copy${depth}${stops.has(id) ? `${depth ? ',' : ''} and stop taking writes` : ''}`);
  }
  for (const id of stops) if (!out.has(id)) out.set(id, 'would stop taking writes');
  return out;
}
