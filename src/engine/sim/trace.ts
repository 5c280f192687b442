import type { TraceEntry, TraceLevel } from '../types';

/**
 * The run's narrated history. Every processed event records at least one
 * entry. A running FNV-1a digest over (seq, time, actor, kind, text) lets two
 * runs be compared without keeping or re-hashing the whole trace.
 */
export class Trace {
  readonly entries: TraceEntry[] = [];
  private hashA = 0x811c9dc5;
  private hashB = 0x01000193;

  record(
    event: number,
    timeMs: number,
    actor: string,
    kind: string,
    text: string,
    level: TraceLevel = 'info',
    data: Record<string, unknown> = {},
  ): TraceEntry {
    const entry: TraceEntry = { seq: this.entries.length, timeMs, event, actor, kind, text, level, data };
    this.entries.push(entry);
    this.mix(`${entry.seq}|${timeMs}|${actor}|${kind}|${text}\n`);
    return entry;
  }

  since(seq: number): TraceEntry[] {
    return this.entries.slice(Math.max(0, seq));
  }

  digest(): string {
    return hex(this.hashA) + hex(this.hashB);
  }

  private mix(text: string): void {
    let a = this.hashA;
    let b = this.hashB;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      a = Math.imul(a ^ c, 0x01000193);
      b = Math.imul(b ^ c, 0x5bd1e995);
      b ^= b >>> 15;
    }
    this.hashA = a >>> 0;
    this.hashB = b >>> 0;
  }
}

function hex(n: number): string {
  return (n >>> 0).toString(16).padStart(8, '0');
}
