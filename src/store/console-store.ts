import { createStore, type StoreApi } from 'zustand/vanilla';
import type { ConsoleViewState, MachinesView, Selection } from './view-model';

/**
 * One vanilla store per console instance, so two consoles on one page never share state. It holds only the
 * view-model the views read, in three slices, each with one owner (one source of truth, no copies elsewhere):
 *
 * - playback (`playback`): playing, speed, time, notices. Owned by the engine side (the session in the worker,
 *   which paces play); the page only ever shows the latest frame's and asks the worker to change it.
 * - cluster view-model (`cluster`, `shardCodes`, `shardsComplete`, `trace`, `traceEvicted`, `history`, `alerts`,
 *   `whatIf`, `selectedShard`, `machines.views`, `log.view`, `scenario`, `seed`, `frame`): owned by the engine
 *   side, arriving in frames.
 * - selection and UI (`selection`, `machines.open`, `log.open`, `repairPanel.open` and `.pair`, `controlPlane.journalOpen`): owned by the page, written here at once (a click
 *   shows without a round trip) and told to the worker, which needs them to project (setUi).
 *
 * In Node (tests, the CLI's checks) a ConsoleSession writes the whole state itself.
 */
export type ConsoleStore = StoreApi<ConsoleViewState>;

export function createConsoleStore(initial: ConsoleViewState): ConsoleStore {
  return createStore<ConsoleViewState>()(() => initial);
}

/** The page-owned slice. */
export interface UiSlice {
  selection: Selection;
  machinesOpen: MachinesView['open'];
  logOpen: boolean;
  repairOpen: boolean;
  repairPair: ConsoleViewState['repairPanel']['pair'];
  journalOpen: boolean;
}

export function uiSliceOf(state: ConsoleViewState): UiSlice {
  return {
    selection: state.selection,
    machinesOpen: state.machines.open,
    logOpen: state.log.open,
    repairOpen: state.repairPanel.open,
    repairPair: state.repairPanel.pair,
    journalOpen: state.controlPlane.journalOpen,
  };
}

/** Writes the page-owned slice; the rest of the state stays as the last frame left it. */
export function setUi(store: ConsoleStore, change: Partial<UiSlice>): void {
  const state = store.getState();
  const ui = { ...uiSliceOf(state), ...change };
  store.setState({
    selection: ui.selection,
    machines: ui.machinesOpen === state.machines.open ? state.machines : { ...state.machines, open: ui.machinesOpen },
    log: ui.logOpen === state.log.open ? state.log : { ...state.log, open: ui.logOpen },
    repairPanel:
      ui.repairOpen === state.repairPanel.open && ui.repairPair === state.repairPanel.pair
        ? state.repairPanel
        : { ...state.repairPanel, open: ui.repairOpen, pair: ui.repairPair },
    controlPlane: ui.journalOpen === state.controlPlane.journalOpen ? state.controlPlane : { ...state.controlPlane, journalOpen: ui.journalOpen },
  });
}
