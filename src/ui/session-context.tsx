import { createContext, useContext } from 'react';
import { useStore } from 'zustand';
import type { ConsoleSession } from '../store/session';
import type { ConsoleViewState } from '../store/view-model';

/**
 * Each console instance provides its own session, so two consoles on one page
 * never share state. Components read the view-model with `useConsole` and act
 * through `useSession()`'s methods.
 */
export const SessionContext = createContext<ConsoleSession | null>(null);

export function useSession(): ConsoleSession {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession: no <SessionContext.Provider> above this component');
  return session;
}

/**
 * Selects from the view-model; re-renders only when the selected value
 * changes (Object.is). While playing, publishes come every PUBLISH_EVERY_MS.
 */
export function useConsole<T>(selector: (state: ConsoleViewState) => T): T {
  return useStore(useSession().store, selector);
}
