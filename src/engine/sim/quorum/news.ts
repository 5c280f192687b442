import { listSome, record, type QuorumNews, type World } from '../world';

/**
 * One failure can change the primaries of hundreds of shards at once. Their
 * entries are gathered while a batch runs; a kind that happened to more than
 * a few shards is told once in a summary, and the per-shard entries are kept
 * as detail (each shard's history still lists its own).
 */
const SUMMARY_AFTER = 3;

/** Writes are named only when clients write; without them, losing a primary means an election, nothing more. */
export const clientsWrite = (w: World): boolean => w.workload.spec.writesPerSec > 0;

const SUMMARY: Record<string, (n: number, ids: string, w: World) => string> = {
  'primary.lost': (n, ids, w) =>
    `${n} shards have no primary (${ids}): cp gave up on the node that led them` +
    (clientsWrite(w) ? '. Writes to them stop until elections end.' : '; an election follows for each.'),
  'primary.elected': (n, ids) => `${n} shards have a new primary, each elected by a majority of its voters that cp reaches (${ids}).`,
  'primary.electionStalled': (n, ids) =>
    `${n} shards stay without a primary (${ids}): cp cannot reach a majority of their voters. Select one to see why.`,
  'primary.handOver': (n, ids) => `${n} shards hand their primary role back to their configured primary (${ids}).`,
};

export function withNews(w: World, run: () => void): void {
  if (w.quorum.news !== null) {
    run();
    return;
  }
  w.quorum.news = [];
  try {
    run();
  } finally {
    const news = w.quorum.news;
    w.quorum.news = null;
    tellAll(w, news);
  }
}

export function tell(w: World, news: QuorumNews): void {
  if (w.quorum.news !== null) w.quorum.news.push(news);
  else record(w, news.actor, news.kind, news.text, news.level, news.data);
}

function tellAll(w: World, all: QuorumNews[]): void {
  const byKind = new Map<string, QuorumNews[]>();
  for (const n of all) byKind.set(n.kind, [...(byKind.get(n.kind) ?? []), n]);
  for (const [kind, list] of byKind) {
    const summarise = list.length > SUMMARY_AFTER && SUMMARY[kind] !== undefined;
    if (summarise)
      record(w, list[0].actor, 'quorum.summary', SUMMARY[kind](list.length, listSome(list.map((n) => n.shard)), w), list[0].level, {
        of: kind,
        shards: list.length,
      });
    for (const n of list) record(w, n.actor, n.kind, n.text, summarise ? 'detail' : n.level, n.data);
  }
}
