import { createContext, useContext } from 'react';
import { useStore } from 'zustand';
import type { ConsoleViewState } from '../store/view-model';
import type { ConsoleClient } from '../worker/console-client';

/**
 * Each console instance provides its own client of the engine's worker, so two consoles on one page never share
 * state. Components read the view-model with `useConsole` and act through `useSession()`'s methods (each a
 * request to the worker; the result arrives as a frame in the store).
 */
export const SessionContext = createContext<ConsoleClient | null>(null);

export function useSession(): ConsoleClient {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession: no <SessionContext.Provider> above this component');
  return session;
}

/**
 * Selects from the view-model; re-renders only when the selected value
 * changes (Object.is). While playing, frames come every PUBLISH_EVERY_MS.
 */
export function useConsole<T>(selector: (state: ConsoleViewState) => T): T {
  return useStore(useSession().store, selector);
}
