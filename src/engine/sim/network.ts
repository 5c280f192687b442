import type { LinkCut, NodeId } from '../types';

/** The control plane's endpoint name (types.ts CONTROL_PLANE; this file imports no values). */
const CP = 'cp';

/**
 * Links between every pair of endpoints (nodes and `cp`). Links are implicit:
 * up, with the default latency. Only cuts and latency overrides are stored,
 * so a thousand nodes do not cost half a million link objects.
 */
export class Network {
  /** Directed cuts, keyed `from>to`. */
  private cuts = new Set<string>();
  private latencyOverridesMs = new Map<string, number>();

  /**
   * With a control-plane group: "cp" in a link means the current leader (heartbeats, routing, copy commits), and
   * cutting or healing a link to "cp" means every member. Null: no leader, so clients use their cached routes
   * (design §8.3, "router caches never expire during a failover"): nothing between them and cp is in the way.
   */
  cpLeader: NodeId | null;

  constructor(
    public defaultLatencyMs: number,
    /** The control plane's members (cp1…cp3), or none when "cp" is one endpoint. */
    readonly cpMembers: readonly NodeId[] = [],
  ) {
    this.cpLeader = cpMembers[0] ?? null;
  }

  canSend(from: NodeId, to: NodeId): boolean {
    if (this.cuts.size === 0) return true;
    if (this.cpMembers.length > 0) {
      if (from === CP) {
        if (this.cpLeader === null) return true;
        from = this.cpLeader;
      }
      if (to === CP) {
        if (this.cpLeader === null) return true;
        to = this.cpLeader;
      }
    }
    return !this.cuts.has(key(from, to));
  }

  /** The endpoints a link to `id` stands for: every member for "cp" in a group, else just `id`. */
  private ends(id: NodeId): readonly NodeId[] {
    return id === CP && this.cpMembers.length > 0 ? this.cpMembers : [id];
  }

  /** Both directions up: what a copy stream or a request/response needs. */
  connected(a: NodeId, b: NodeId): boolean {
    return this.canSend(a, b) && this.canSend(b, a);
  }

  latencyMs(from: NodeId, to: NodeId): number {
    if (this.latencyOverridesMs.size === 0) return this.defaultLatencyMs;
    if (from === CP && this.cpLeader !== null) from = this.cpLeader;
    if (to === CP && this.cpLeader !== null) to = this.cpLeader;
    return this.latencyOverridesMs.get(pairKey(from, to)) ?? this.defaultLatencyMs;
  }

  setLatency(a: NodeId, b: NodeId, ms: number): void {
    this.latencyOverridesMs.set(pairKey(a, b), ms);
  }

  /** Cuts a→b, and b→a unless one-way. Returns the directions that were newly cut. */
  cut(a: NodeId, b: NodeId, oneWay = false): LinkCut[] {
    const added: LinkCut[] = [];
    for (const ea of this.ends(a))
      for (const eb of this.ends(b)) {
        if (ea === eb) continue;
        for (const [from, to] of oneWay ? [[ea, eb]] : [[ea, eb], [eb, ea]]) {
          const k = key(from, to);
          if (!this.cuts.has(k)) {
            this.cuts.add(k);
            added.push({ from, to });
          }
        }
      }
    return added;
  }

  /** Heals both directions between a and b. Returns the directions that were healed. */
  heal(a: NodeId, b: NodeId): LinkCut[] {
    const healed: LinkCut[] = [];
    for (const ea of this.ends(a))
      for (const eb of this.ends(b))
        for (const [from, to] of [[ea, eb], [eb, ea]]) {
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
