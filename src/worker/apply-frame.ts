import type { ConsoleStore } from '../store/console-store';
import { shareFrameState } from '../store/share-unchanged';
import type { ConsoleViewState, MetricsSample } from '../store/view-model';
import { unpackHistory } from './packed-history';
import { unpackTrace } from './packed-trace';
import type { TraceEntry } from '../engine/index';
import type { EngineFrame, HistoryDelta, ListDelta, ListPatch, TraceDelta } from './protocol';

/**
 * A frame from the worker as the view state the page renders: the engine-owned slices replaced, the page-owned
 * ones (selection, open panels) kept, the trace and history rebuilt from their changes. A list that did not change
 * keeps its identity, so views memoised on it do no work.
 */
export function viewFromFrame(frame: EngineFrame, previous: ConsoleViewState | null): ConsoleViewState {
  // lessonWatchMet is the lesson player's (ConsoleClient.lessonWatchMet), embedPlayback the embed page's
  // (ConsoleClient.embedView): neither is the console's view.
  const { cluster, trace, history, machineViews, logView, repairView, controlPlaneView, lessonWatchMet: _lessonWatchMet, embedPlayback: _embed, ...rest } = frame;
  return {
    ...rest,
    cluster: { ...cluster, shards: applyPatch(previous?.cluster.shards, cluster.shards) },
    trace: applyDelta(previous?.trace, unpackedTrace(trace)),
    history: applyDelta(previous?.history, unpackedHistory(history)),
    selection: previous?.selection ?? null,
    machines: { open: previous?.machines.open ?? {}, views: machineViews },
    log: { open: previous?.log.open ?? false, view: logView },
    repairPanel: { open: previous?.repairPanel.open ?? false, pair: previous?.repairPanel.pair ?? null, view: repairView },
    controlPlane: { journalOpen: previous?.controlPlane.journalOpen ?? false, view: controlPlaneView },
  };
}

export function applyFrame(store: ConsoleStore, frame: EngineFrame): void {
  const previous = store.getState();
  // A cloned frame is new object for object: keep the previous objects where nothing changed, so views do no work.
  store.setState(shareFrameState(previous, viewFromFrame(frame, previous)), true);
}

/** The trace's change with its items as entries (a frame after a seek carries them packed). */
function unpackedTrace(change: TraceDelta): ListDelta<TraceEntry> {
  return Array.isArray(change.items) ? (change as ListDelta<TraceEntry>) : { ...change, items: unpackTrace(change.items) };
}

/** The history's change with its items as samples (a frame after a seek forward carries them packed). */
function unpackedHistory(change: HistoryDelta): ListDelta<MetricsSample> {
  return Array.isArray(change.items) ? (change as ListDelta<MetricsSample>) : { ...change, items: unpackHistory(change.items) };
}

/** The page's list after a change (list-delta.ts): `keep` of its items (all when absent), the new ones, the oldest dropped to `length`. */

export function applyDelta<T>(previous: readonly T[] | undefined, change: ListDelta<T>): readonly T[] {
  if (change.reset || previous === undefined) return change.items;
  const kept = change.keep === undefined || change.keep >= previous.length ? previous : previous.slice(0, change.keep);
  if (change.items.length === 0 && kept.length === change.length) return kept;
  const next = kept.concat(change.items);
  return next.length > change.length ? next.slice(next.length - change.length) : next;
}

/** The page's list after a patch (list-delta.ts `patch`); unchanged, it keeps its identity, and so does every unchanged item. */
export function applyPatch<T>(previous: T[] | undefined, change: ListPatch<T>): T[] {
  if (change.reset || previous === undefined) return change.items;
  if (change.at.length === 0 && change.length === previous.length) return previous;
  const next = previous.slice(0, change.length);
  for (let k = 0; k < change.at.length; k++) next[change.at[k]] = change.items[k];
  return next;
}
