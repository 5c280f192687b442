import { createStore, type StoreApi } from 'zustand/vanilla';
import type { ConsoleViewState } from './view-model';

/**
 * One vanilla store per console instance, so two consoles on one page never
 * share state. It holds only the view-model; the actions live on the
 * session (session.ts), which the driver API and the views both call.
 */
export type ConsoleStore = StoreApi<ConsoleViewState>;

export function createConsoleStore(initial: ConsoleViewState): ConsoleStore {
  return createStore<ConsoleViewState>()(() => initial);
}
