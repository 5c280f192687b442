import { cpMemberWords, CP_ROLE_GLYPH } from '../../control-plane/cp-words';
import type { NodeView } from '../../../engine/index';
import type { ConsoleViewState } from '../../../store/view-model';
import { setAttr, setText, toggle } from '../../dom-writes';
import { nodeAriaLabel } from '../describe';
import type { ClusterActions, ClusterMapRenderer } from '../render';
import { aggregateRacks, copyFlows, idList, rackAriaLabel, type CopyFlow, type RackAggregate } from './aggregate';
import { FlowCanvas } from './flow-canvas';
import { computeScaleLayout, type ScaleLayout } from './scale-layout';
import './scale.css';

/**
 * The cluster map for clusters too big to draw node by node (semantic zoom):
 * one tile per rack with its counts, copy flows between racks on a canvas,
 * and the nodes of one rack at a time, opened in place under its row (click
 * or Enter on the tile, or select a node: Find node, the log). Tiles and nodes are real
 * buttons with names; arrow keys move between tiles. Like the detailed map
 * it repaints only when the store publishes, and writes only what changed.
 */

let instanceSeq = 0;
const BELIEF_GLYPH = { ACTIVE: '✓', SUSPECT: '?', DEAD: '✕', REJOINING: '↻' } as const;

interface TileRefs {
  el: HTMLButtonElement;
  name: HTMLElement;
  flow: HTMLElement;
  up: HTMLElement;
  suspect: HTMLElement;
  dead: HTMLElement;
  note: HTMLElement;
  bar: HTMLElement;
}

export class ScaleRenderer implements ClusterMapRenderer {
  private readonly root: HTMLDivElement;
  private readonly stage: HTMLDivElement;
  private readonly cp: HTMLDivElement;
  private readonly cpText: HTMLSpanElement;
  private readonly cpMembers: HTMLDivElement;
  private cpSig = '';
  private readonly tooltip: HTMLDivElement;
  private readonly panel: HTMLDivElement;
  private readonly panelTitle: HTMLElement;
  private readonly panelFlows: HTMLElement;
  private readonly flows: FlowCanvas;
  private readonly tiles = new Map<string, TileRefs>();
  private cells = new Map<string, HTMLButtonElement>();
  private state: ConsoleViewState | null = null;
  private layout: ScaleLayout | null = null;
  private layoutSig = '';
  private width = 0;
  private height = 0;
  private openRack: string | null = null;
  private lastSelected: string | null = null;
  /** A node selected elsewhere (Find node, the log, the inspector) is scrolled into view once its rack has opened. */
  private revealNode: string | null = null;

  constructor(
    private readonly host: HTMLElement,
    private readonly actions: ClusterActions,
  ) {
    const doc = host.ownerDocument;
    const el = <K extends keyof HTMLElementTagNameMap>(tag: K, cls: string, parent: Element): HTMLElementTagNameMap[K] => {
      const e = doc.createElement(tag);
      e.className = cls;
      parent.appendChild(e);
      return e;
    };
    this.root = el('div', 'cvs', host);
    this.stage = el('div', 'cvs-stage', this.root);

    this.stage.setAttribute('role', 'group');
    this.cp = el('div', 'cvs-cp', this.stage);
    this.cp.setAttribute('data-testid', 'cp-aggregate');
    this.cpText = el('span', 'cvs-cp-text', this.cp);
    // A 3-member control plane: one chip per member (role as glyph and word, term, journal index), as the small map.
    this.cpMembers = el('div', 'cvs-cp-members', this.cp);
    this.cpMembers.setAttribute('data-testid', 'cp-members');
    this.cpMembers.setAttribute('role', 'group');
    this.cpMembers.setAttribute('aria-label', 'Control-plane members');
    this.cpMembers.hidden = true;
    this.panel = el('div', 'cvs-open', this.stage);
    this.panel.setAttribute('role', 'region');
    this.panel.hidden = true;
    const head = el('div', 'cvs-open-head', this.panel);
    this.panelTitle = el('h3', 'cvs-open-title', head);
    this.panelTitle.id = `cvs-open-title-${++instanceSeq}`;
    this.panel.setAttribute('aria-labelledby', this.panelTitle.id);
    const close = el('button', 'cvs-open-close', head);
    close.type = 'button';
    close.textContent = 'Close rack';
    close.addEventListener('click', () => this.closeRack(true));
    this.panelFlows = el('p', 'cvs-open-flows', this.panel);
    this.panelFlows.setAttribute('data-testid', 'rack-flows');
    const canvas = doc.createElement('canvas');
    canvas.className = 'cvs-flows';
    this.stage.insertBefore(canvas, this.cp);
    canvas.setAttribute('aria-hidden', 'true');
    this.flows = new FlowCanvas(canvas);
    this.tooltip = el('div', 'cvs-tooltip', this.stage);
    this.tooltip.setAttribute('aria-hidden', 'true');
    this.tooltip.hidden = true;
    this.stage.addEventListener('click', this.onClick);
    this.stage.addEventListener('keydown', this.onKeyDown);
    this.stage.addEventListener('pointermove', this.onPointerMove);
    this.stage.addEventListener('pointerleave', this.hideTooltip);
  }

  update(state: ConsoleViewState): void {
    if (state === this.state) return;
    this.state = state;
    const selected = state.selection?.kind === 'node' ? state.selection.id : null;
    if (selected !== this.lastSelected) {
      this.lastSelected = selected;
      // A node selected anywhere (search, event log, inspector) opens its rack, so it is never hidden inside a tile.
      const node = selected === null ? null : state.cluster.nodes.find((n) => n.id === selected);
      if (node) {
        this.openRack = node.rack;
        this.revealNode = node.id;
      }
    }
    this.render();
  }

  resize(width: number, height: number): void {
    if (width === this.width && height === this.height) return;
    this.width = width;
    this.height = height;
    this.render();
  }

  destroy(): void {
    this.root.remove();
  }

  // ------------------------------------------------------------ one pass

  private render(): void {
    const state = this.state;
    if (!state || this.width <= 0) return;
    const cluster = state.cluster;
    const racks = aggregateRacks(cluster);
    if (this.openRack !== null && !racks.some((r) => r.id === this.openRack)) this.openRack = null;
    const group = state.controlPlane.view?.group ?? null;
    const layout = this.layoutFor(racks, group !== null);
    this.drawCp(racks);
    this.drawCpMembers(group);
    for (const rack of racks) this.drawTile(rack, layout);
    const flows = copyFlows(cluster);
    this.drawPanel(racks, cluster.nodes, flows, state, layout);
    this.flows.draw(layout, flows, this.openRack, this.colours());
    if (this.revealNode) {
      this.cells.get(this.revealNode)?.scrollIntoView?.({ block: 'nearest' });
      this.revealNode = null;
    }
  }

  private layoutFor(racks: readonly RackAggregate[], cpGroup: boolean): ScaleLayout {
    let sig = `${this.width}x${this.height}|${this.openRack}|${cpGroup}|`;
    for (const r of racks) sig += `${r.id}:${r.total},`;
    if (this.layout && sig === this.layoutSig) return this.layout;
    this.layoutSig = sig;
    const layout = computeScaleLayout({
      racks: racks.map((r) => ({ id: r.id, nodeCount: r.total })),
      openRack: this.openRack,
      width: this.width,
      height: this.height,
      cpGroup,
    });
    this.layout = layout;
    this.stage.style.width = `${layout.width}px`;
    this.stage.style.height = `${layout.height}px`;
    place(this.cp, layout.cp);
    const nodes = racks.reduce((sum, r) => sum + r.total, 0);
    setAttr(
      this.stage,
      'aria-label',
      `Cluster map: ${nodes} nodes in ${racks.length} racks, one tile per rack with its counts. ` +
        'Press a rack to open it and see its nodes; arrow keys move between racks.',
    );
    const live = new Set(racks.map((r) => r.id));
    for (const [id, refs] of this.tiles) {
      if (!live.has(id)) {
        refs.el.remove();
        this.tiles.delete(id);
      }
    }
    for (const tile of layout.tiles) place(this.tileRefs(tile.id).el, tile);
    return layout;
  }

  private tileRefs(id: string): TileRefs {
    let refs = this.tiles.get(id);
    if (refs) return refs;
    const doc = this.host.ownerDocument;
    const el = doc.createElement('button');
    el.type = 'button';
    el.className = 'cvs-rack';
    el.setAttribute('data-testid', `rack-${id}`);
    el.setAttribute('data-rack-id', id);
    const span = (cls: string, parent: Element = el) => {
      const s = doc.createElement('span');
      s.className = cls;
      parent.appendChild(s);
      return s;
    };
    const top = span('cvs-rack-top');
    const name = span('cvs-rack-name', top);
    name.textContent = id;
    const flow = span('cvs-rack-flow', top);
    const counts = span('cvs-rack-counts');
    const up = span('cvs-count cvs-count--up', counts);
    const suspect = span('cvs-count cvs-count--suspect', counts);
    const dead = span('cvs-count cvs-count--dead', counts);
    const note = span('cvs-rack-note');
    const bar = span('cvs-rack-bar');
    this.stage.insertBefore(el, this.panel);
    refs = { el, name, flow, up, suspect, dead, note, bar };
    this.tiles.set(id, refs);
    return refs;
  }

  private drawTile(rack: RackAggregate, layout: ScaleLayout): void {
    const refs = this.tileRefs(rack.id);
    const el = refs.el;
    setAttr(el, 'aria-label', rackAriaLabel(rack));
    setAttr(el, 'aria-expanded', String(this.openRack === rack.id));
    setAttr(el, 'data-up', rack.active);
    setAttr(el, 'data-suspect', rack.suspect);
    setAttr(el, 'data-dead', rack.dead);
    setAttr(el, 'data-rejoining', rack.rejoining);
    setAttr(el, 'data-down', rack.processDown);
    setAttr(el, 'data-replicas', rack.replicas);
    setAttr(el, 'data-copies-in', rack.copiesIn);
    setAttr(el, 'data-copies-out', rack.copiesOut);
    setAttr(el, 'data-nodes', rack.total);
    toggle(el, 'cvs-rack--open', this.openRack === rack.id);
    toggle(el, 'cvs-rack--dead', rack.dead > 0);
    toggle(el, 'cvs-rack--suspect', rack.suspect > 0 || rack.unnoticedDownIds.length > 0);
    toggle(el, 'cvs-rack--all-dead', rack.total > 0 && rack.dead === rack.total);
    const tile = layout.tileById.get(rack.id);
    const wide = (tile?.w ?? 0) >= 150;
    toggle(el, 'cvs-rack--tall', (tile?.h ?? 0) >= 64);
    setText(refs.flow, flowText(rack, wide));
    setText(refs.up, `✓${rack.active}`);
    setText(refs.suspect, rack.suspect > 0 ? `?${rack.suspect}` : '');
    setText(refs.dead, rack.dead > 0 ? `✕${rack.dead}` : '');
    setText(refs.note, noteText(rack));
    const pct = (n: number) => (rack.total > 0 ? `${((100 * n) / rack.total).toFixed(1)}%` : '0%');
    const bar = `--up:${pct(rack.active + rack.rejoining)};--suspect:${pct(rack.suspect)};--dead:${pct(rack.dead)}`;
    if (refs.bar.getAttribute('style') !== bar) refs.bar.setAttribute('style', bar);
  }

  private drawCp(racks: readonly RackAggregate[]): void {
    let nodes = 0;
    let heard = 0;
    let dead = 0;
    let suspect = 0;
    let inFlight = 0;
    let queued = 0;
    for (const r of racks) {
      nodes += r.total;
      heard += r.heartbeating;
      dead += r.dead;
      suspect += r.suspect;
      inFlight += r.copiesIn;
      queued += r.queuedIn;
    }
    const parts = [`♥ heartbeats from ${heard} of ${nodes} nodes`];
    if (suspect > 0) parts.push(`${suspect} SUSPECT`);
    if (dead > 0) parts.push(`${dead} DEAD`);
    parts.push(inFlight + queued > 0 ? `${inFlight} copies in flight${queued > 0 ? `, ${queued} queued` : ''}` : 'no copies');
    setText(this.cpText, `cp · ${parts.join(' · ')}`);
  }

  /** One button per member; pressing it opens the journal view. Redrawn only when a member's words change. */
  private drawCpMembers(group: NonNullable<ConsoleViewState['controlPlane']['view']>['group'] | null): void {
    const sig = group === null ? '' : [group.journal, ...group.members.map((m) => `${m.id}:${m.role}:${m.term}:${m.journalIndex}:${m.appliedIndex}`)].join('|');
    if (sig === this.cpSig) return;
    this.cpSig = sig;
    this.cpMembers.hidden = group === null;
    this.cp.classList.toggle('cvs-cp--group', group !== null);
    this.cpMembers.replaceChildren();
    if (group === null) return;
    const doc = this.cpMembers.ownerDocument;
    for (const m of group.members) {
      const chip = doc.createElement('button');
      chip.type = 'button';
      chip.className = `cvs-cp-member cvs-cp-member--${m.role}`;
      chip.setAttribute('data-testid', `cp-member-${m.id}`);
      chip.setAttribute('data-role', m.role);
      chip.setAttribute('aria-label', `${cpMemberWords(m, group.journal)}. Open the journal view.`);
      chip.textContent = `${CP_ROLE_GLYPH[m.role]} ${m.id} ${m.role} · t${m.term}${group.journal ? ` · #${m.journalIndex}` : ''}`;
      chip.addEventListener('click', (e) => {
        e.stopPropagation();
        this.actions.openJournal?.(m.id);
      });
      this.cpMembers.appendChild(chip);
    }
  }

  private drawPanel(
    racks: readonly RackAggregate[],
    nodes: readonly NodeView[],
    flows: readonly CopyFlow[],
    state: ConsoleViewState,
    layout: ScaleLayout,
  ): void {
    const open = layout.open;
    const rack = open ? racks.find((r) => r.id === open.rack) : undefined;
    if (!open || !rack) {
      if (!this.panel.hidden) this.panel.hidden = true;
      for (const cell of this.cells.values()) cell.remove();
      this.cells.clear();
      return;
    }
    this.panel.hidden = false;
    place(this.panel, open);
    setAttr(this.panel, 'data-testid', `rack-open-${rack.id}`);
    setText(this.panelTitle, `Rack ${rack.id} · ${rack.total} nodes · ${rack.active} up${rack.suspect ? ` · ${rack.suspect} suspect` : ''}${rack.dead ? ` · ${rack.dead} dead` : ''}`);
    setText(this.panelFlows, rackFlowWords(rack.id, flows));
    const byId = new Map(nodes.map((n) => [n.id, n]));
    const wanted = new Set(rack.nodeIds);
    for (const [id, cell] of this.cells) {
      if (!wanted.has(id)) {
        cell.remove();
        this.cells.delete(id);
      }
    }
    const selected = state.selection?.kind === 'node' ? state.selection.id : null;
    rack.nodeIds.forEach((id, i) => {
      const node = byId.get(id);
      const box = open.cells[i];
      if (!node || !box) return;
      let cell = this.cells.get(id);
      if (!cell) {
        cell = this.host.ownerDocument.createElement('button');
        cell.type = 'button';
        cell.className = 'cvs-node';
        cell.setAttribute('data-testid', `node-${id}`);
        cell.setAttribute('data-node-id', id);
        this.stage.insertBefore(cell, this.tooltip);
        this.cells.set(id, cell);
      }
      // Cells sit in the stage (not the panel) so one coordinate system places everything.
      place(cell, box);
      setAttr(cell, 'aria-label', nodeAriaLabel(node));
      setAttr(cell, 'aria-pressed', String(selected === id));
      setAttr(cell, 'data-health', node.health);
      for (const belief of ['ACTIVE', 'SUSPECT', 'DEAD', 'REJOINING'] as const) toggle(cell, `cv-belief-${belief.toLowerCase()}`, node.health === belief);
      toggle(cell, 'cvs-node--down', !node.up);
      toggle(cell, 'cvs-node--selected', selected === id);
      const copies = `${node.copiesIn > 0 ? ` ↓${node.copiesIn}` : ''}${node.copiesOut > 0 ? ` ↑${node.copiesOut}` : ''}`;
      const text = `${id} ${BELIEF_GLYPH[node.health]}\n${node.health}${node.up ? '' : ' · down'}\n${node.replicaCount} rep${copies}`;
      if (cell.dataset.text !== text) {
        cell.dataset.text = text;
        cell.replaceChildren(...text.split('\n').map((line, k) => {
          const s = this.host.ownerDocument.createElement('span');
          s.className = k === 0 ? 'cvs-node-id' : 'cvs-node-line';
          s.textContent = line;
          return s;
        }));
      }
    });
  }

  private colours(): { copy: string; label: string; halo: string } {
    const style = getComputedStyle(this.root);
    return {
      copy: style.getPropertyValue('--copy').trim() || '#3b82f6',
      label: style.getPropertyValue('--fg').trim() || '#17202b',
      halo: style.getPropertyValue('--panel').trim() || '#ffffff',
    };
  }

  // ------------------------------------------------------------ interaction

  private openRackById(id: string | null, focusTile = false): void {
    this.openRack = id;
    this.render();
    if (focusTile && id === null) return;
    if (id !== null) this.panel.scrollIntoView?.({ block: 'nearest' });
  }

  private closeRack(focusTile: boolean): void {
    const was = this.openRack;
    this.openRack = null;
    this.render();
    if (focusTile && was) this.tiles.get(was)?.el.focus();
  }

  private onClick = (event: MouseEvent): void => {
    const target = event.target instanceof Element ? event.target : null;
    const cell = target?.closest('[data-node-id]');
    if (cell) {
      this.actions.select({ kind: 'node', id: cell.getAttribute('data-node-id')! });
      return;
    }
    const tile = target?.closest('[data-rack-id]');
    if (tile) {
      const id = tile.getAttribute('data-rack-id')!;
      this.openRackById(this.openRack === id ? null : id);
    }
  };

  /** Arrow keys move between rack tiles (in their grid) and between the open rack's nodes; Escape closes the rack. */
  private onKeyDown = (event: KeyboardEvent): void => {
    const layout = this.layout;
    const target = event.target instanceof Element ? event.target : null;
    if (!layout || !target) return;
    if (event.key === 'Escape' && this.openRack !== null) {
      event.preventDefault();
      this.closeRack(true);
      return;
    }
    const step: Record<string, number> = { ArrowLeft: -1, ArrowRight: 1, ArrowUp: -layout.cols, ArrowDown: layout.cols };
    if (!(event.key in step)) return;
    const tileId = target.getAttribute('data-rack-id');
    if (tileId) {
      const i = layout.tiles.findIndex((t) => t.id === tileId);
      const next = layout.tiles[i + step[event.key]];
      if (next) {
        event.preventDefault();
        this.tiles.get(next.id)?.el.focus();
      }
      return;
    }
    const nodeId = target.getAttribute('data-node-id');
    if (nodeId && layout.open) {
      const ids = [...this.cells.keys()];
      const perRow = layout.open.cells.filter((c) => c.y === layout.open!.cells[0].y).length;
      const delta = event.key === 'ArrowUp' ? -perRow : event.key === 'ArrowDown' ? perRow : step[event.key];
      const next = ids[ids.indexOf(nodeId) + delta];
      if (next) {
        event.preventDefault();
        this.cells.get(next)?.focus();
      }
    }
  };

  private onPointerMove = (event: PointerEvent): void => {
    const rect = this.stage.getBoundingClientRect();
    const flow = this.flows.hit({ x: event.clientX - rect.left, y: event.clientY - rect.top });
    if (!flow) {
      this.hideTooltip();
      return;
    }
    setText(this.tooltip, `${flow.from} → ${flow.to}: ${flow.inFlight} ${flow.inFlight === 1 ? 'copy' : 'copies'} in flight${flow.queued ? `, ${flow.queued} queued` : ''}`);
    this.tooltip.hidden = false;
    this.tooltip.style.transform = `translate(${Math.round(event.clientX - rect.left + 12)}px, ${Math.round(event.clientY - rect.top + 12)}px)`;
  };

  private hideTooltip = (): void => {
    if (!this.tooltip.hidden) this.tooltip.hidden = true;
  };
}

function place(el: HTMLElement, box: { x: number; y: number; w: number; h: number }): void {
  const style = `left:${box.x}px;top:${box.y}px;width:${box.w}px;height:${box.h}px`;
  if (el.dataset.box !== style) {
    el.dataset.box = style;
    el.style.left = `${box.x}px`;
    el.style.top = `${box.y}px`;
    el.style.width = `${box.w}px`;
    el.style.height = `${box.h}px`;
  }
}

/** "↓3 in ↑2 out": copies in flight into and out of the rack (queued ones are in its name and in cp's line). */
function flowText(rack: RackAggregate, wide: boolean): string {
  const parts: string[] = [];
  if (rack.copiesIn > 0) parts.push(`↓${rack.copiesIn}${wide ? ' in' : ''}`);
  if (rack.copiesOut > 0) parts.push(`↑${rack.copiesOut}${wide ? ' out' : ''}`);
  return parts.join(' ');
}

/** The tile's last line: which nodes are dead, suspect or down unnoticed; else its heartbeats to cp. */
function noteText(rack: RackAggregate): string {
  if (rack.total > 0 && rack.dead === rack.total) return '✕ all dead';
  if (rack.dead > 0) return `✕ ${idList(rack.deadIds, 2)}`;
  if (rack.suspect > 0) return `? ${idList(rack.suspectIds, 2)}`;
  if (rack.unnoticedDownIds.length > 0) return `⚡ ${idList(rack.unnoticedDownIds, 2)} down`;
  return `♥ ${rack.heartbeating} → cp`;
}

/** The open rack's copy flows in words: what the canvas draws, for keyboards and screen readers. */
function rackFlowWords(rack: string, flows: readonly CopyFlow[]): string {
  const into = flows.filter((f) => f.to === rack && f.inFlight > 0);
  const out = flows.filter((f) => f.from === rack && f.inFlight > 0);
  const list = (fs: CopyFlow[], dir: 'from' | 'to') =>
    fs.slice(0, 6).map((f) => `${f.inFlight} ${dir} ${(dir === 'from' ? f.from : f.to) ?? 'elsewhere'}`).join(', ') +
    (fs.length > 6 ? ` and ${fs.length - 6} more racks` : '');
  if (into.length === 0 && out.length === 0) return 'No copies in flight into or out of this rack.';
  const parts: string[] = [];
  if (into.length > 0) parts.push(`Copies in: ${list(into, 'from')}.`);
  if (out.length > 0) parts.push(`Copies out: ${list(out, 'to')}.`);
  return parts.join(' ');
}

