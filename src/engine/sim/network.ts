import type { LinkCut, NodeId } from '../types';

/**
 * Links between every pair of endpoints (nodes and `cp`). Links are implicit:
 * up, with the default latency. Only cuts and latency overrides are stored,
 * so a thousand nodes do not cost half a million link objects.
 */
export class Network {
  /** Directed cuts, keyed `from>to`. */
  private cuts = new Set<string>();
  private latencyOverridesMs = new Map<string, number>();

  constructor(public defaultLatencyMs: number) {}

  canSend(from: NodeId, to: NodeId): boolean {
    return this.cuts.size === 0 || !this.cuts.has(key(from, to));
  }

  /** Both directions up: what a copy stream or a request/response needs. */
  connected(a: NodeId, b: NodeId): boolean {
    return this.canSend(a, b) && this.canSend(b, a);
  }

  latencyMs(from: NodeId, to: NodeId): number {
    if (this.latencyOverridesMs.size === 0) return this.defaultLatencyMs;
    return this.latencyOverridesMs.get(pairKey(from, to)) ?? this.defaultLatencyMs;
  }

  setLatency(a: NodeId, b: NodeId, ms: number): void {
    this.latencyOverridesMs.set(pairKey(a, b), ms);
  }

  /** Cuts a→b, and b→a unless one-way. Returns the directions that were newly cut. */
  cut(a: NodeId, b: NodeId, oneWay = false): LinkCut[] {
    const added: LinkCut[] = [];
    for (const [from, to] of oneWay ? [[a, b]] : [[a, b], [b, a]]) {
      const k = key(from, to);
      if (!this.cuts.has(k)) {
        this.cuts.add(k);
        added.push({ from, to });
      }
    }
    return added;
  }

  /** Heals both directions between a and b. Returns the directions that were healed. */
  heal(a: NodeId, b: NodeId): LinkCut[] {
    const healed: LinkCut[] = [];
    for (const [from, to] of [[a, b], [b, a]]) {
      if (this.cuts.delete(key(from, to))) healed.push({ from, to });
    }
    return healed;
  }

  healAll(): LinkCut[] {
    const healed = this.listCuts();
    this.cuts.clear();
    return healed;
  }

  listCuts(): LinkCut[] {
    return [...this.cuts].sort().map((k) => {
      const [from, to] = k.split('>');
      return { from, to };
    });
  }

  get cutCount(): number {
    return this.cuts.size;
  }
}

function key(from: NodeId, to: NodeId): string {
  return `${from}>${to}`;
}

function pairKey(a: NodeId, b: NodeId): string {
  return a < b ? `${a}|${b}` : `${b}|${a}`;
}
