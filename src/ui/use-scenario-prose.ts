import { useEffect, useState } from 'react';
import { hasBuiltInProse, loadBuiltInProse } from '../scenarios/built-in-prose-loader';
import type { ScenarioProse } from '../scenarios/scenario-prose';
import { useSession } from './session-context';

/** What the header shows about a scenario; `pending` while a built-in's prose is still on its way. */
export interface ShownProse {
  description?: string;
  watch?: readonly string[];
  pending: boolean;
}

// Fetched prose by scenario id, kept so that returning to a scenario shows its words in the first frame.
const fetched = new Map<string, ScenarioProse>();
// Ids whose chunk failed to load (offline): the header then shows no prose, like a file without any.
const failed = new Set<string>();

/**
 * A scenario's description and What-to-watch list. A loaded file carries its own; the console's
 * built-ins carry none (their prose is kept out of the start-up bundle) and fetch it here.
 */
export function useScenarioProse(scenario: { id: string; description?: string; watch?: readonly string[] }): ShownProse {
  const id = scenario.id;
  const builtIns = useSession().builtInTitles;
  const own = scenario.description !== undefined || scenario.watch !== undefined;
  const [, setArrivals] = useState(0);
  useEffect(() => {
    if (own || fetched.has(id) || failed.has(id)) return undefined;
    let live = true;
    loadBuiltInProse(id, builtIns)?.then(
      (prose) => {
        fetched.set(id, prose);
        if (live) setArrivals((n) => n + 1);
      },
      () => {
        failed.add(id);
        if (live) setArrivals((n) => n + 1);
      },
    );
    return () => {
      live = false;
    };
  }, [id, own, builtIns]);
  if (own) return { description: scenario.description, watch: scenario.watch, pending: false };
  const known = fetched.get(id);
  if (known) return { description: known.description, watch: known.watch, pending: false };
  return { pending: hasBuiltInProse(id, builtIns) && !failed.has(id) };
}
