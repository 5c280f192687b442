import type { Selection as D3Selection } from 'd3';
import type { FailoverStep } from '../../../engine/index';
import { linkState } from '../describe';
import { attrEach, seconds, setText } from './dom';
import type { Frame } from './frame';

const FAILOVER_STEP_TEXT: Record<FailoverStep, string> = {
  idle: '',
  removingFromRouter: 'removing {n} from the router',
  removingFromCoordinator: 'removing {n} from the coordinator',
  waitingGrace: 'grace period before re-homing {n}',
  computingTargets: 'choosing new homes for {n}’s shards',
  migrating: 're-homing {n}’s shards',
  fallback: 'no migrator for {n}: shards stay under-replicated',
  callback: 'failover callback for {n}',
};

interface InfoRow {
  key: string;
  x: number;
  y: number;
  anchor: string;
  cls: string;
  text: string;
}

/** Small words beside cp: the monitor's thresholds and cuts on the left, failover and copies on the right. Skipped while the words are unchanged. */
export class InfoLayer {
  private sig = '';

  constructor(private readonly g: D3Selection<SVGGElement, unknown, null, undefined>) {}

  update(frame: Frame, pairCuts: number): void {
    const { layout, cluster, cuts } = frame;
    const p = cluster.params;
    let cpCuts = 0;
    if (cuts.size > 0) for (const node of cluster.nodes) if (linkState(cuts, node.id, frame.cpEnd) !== 'up') cpCuts++;
    const fm = cluster.failoverManager;
    const left = [
      `heartbeat every ${seconds(p.heartbeatIntervalMs)}`,
      `SUSPECT after ${seconds(p.suspectAfterMs)} · DEAD after ${seconds(p.deadAfterMs)}`,
    ];
    const cutsLine = [cpCuts > 0 ? `${cpCuts} cp link${cpCuts === 1 ? '' : 's'} cut` : '', pairCuts > 0 ? `${pairCuts} node link${pairCuts === 1 ? '' : 's'} cut` : '']
      .filter(Boolean)
      .join(' · ');
    const failover = fm.step === 'idle' || !fm.currentNode ? '' : `failover: ${FAILOVER_STEP_TEXT[fm.step].replace('{n}', fm.currentNode)}`;
    let inFlight = 0;
    for (const c of cluster.copies) if (c.phase !== 'queued') inFlight++;
    const queued = cluster.copies.length - inFlight;
    const copiesLine = cluster.copies.length > 0 ? `${inFlight} cop${inFlight === 1 ? 'y' : 'ies'} in flight${queued > 0 ? `, ${queued} queued` : ''}` : '';
    // A group with no leader: nothing is re-homed or declared DEAD until one is elected, but clients keep writing.
    const group = frame.state.controlPlane.view?.group ?? null;
    const leaderless = group !== null && group.leader === null ? 'no cp leader: election under way, data path serving' : null;
    const sig = [layout.width, layout.cp.x, layout.cp.y, ...left, cutsLine, failover, copiesLine, leaderless].join('|');
    if (sig === this.sig) return;
    this.sig = sig;

    const { cp } = layout;
    const leftRoom = cp.x - 16;
    const rightRoom = layout.width - (cp.x + cp.w) - 16;
    // Each side shows what fits (at ~6 px a character), never overlapping cp.
    const fit = (text: string, room: number) => (text.length * 6 <= room ? text : '');
    const leftX = cp.x - 12;
    const rightX = cp.x + cp.w + 12;
    const rows: InfoRow[] = [
      { key: 'l0', x: leftX, y: cp.y + 14, anchor: 'end', cls: 'cv-info', text: fit(left[0], leftRoom) },
      { key: 'l1', x: leftX, y: cp.y + 28, anchor: 'end', cls: 'cv-info', text: fit(left[1], leftRoom) },
      { key: 'l2', x: leftX, y: cp.y + 42, anchor: 'end', cls: 'cv-info cv-info--cut', text: fit(cutsLine, leftRoom) },
      { key: 'r0', x: rightX, y: cp.y + 14, anchor: 'start', cls: 'cv-info cv-info--failover', text: fit(failover, rightRoom) },
      { key: 'r1', x: rightX, y: cp.y + 28, anchor: 'start', cls: 'cv-info cv-info--copy', text: fit(copiesLine, rightRoom) },
    ];
    if (leaderless !== null) {
      // Under the chips, in the air band the links cross, so it shows on a phone too (the sides have no room there).
      rows.push({ key: 'c0', x: cp.cx, y: cp.y + cp.h + 14, anchor: 'middle', cls: 'cv-info cv-info--leaderless', text: leaderless });
    }
    const texts = this.g
      .selectAll<SVGTextElement, InfoRow>('text')
      .data(rows, (d) => d.key)
      .join('text');
    attrEach(texts, 'class', (d) => d.cls);
    attrEach(texts, 'x', (d) => d.x);
    attrEach(texts, 'y', (d) => d.y);
    attrEach(texts, 'text-anchor', (d) => d.anchor);
    texts.each(function (d) {
      setText(this, d.text);
    });
  }
}
