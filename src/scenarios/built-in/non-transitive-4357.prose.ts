/** What the learner reads — RethinkDB issue #4357: non-transitive connectivity stalls failover. */
import type { ScenarioProse } from '../scenario-prose';

export const nonTransitive4357Prose: ScenarioProse = {
  description:
    'cp loses its link to n2 while n2 still reaches n1 and n3; then n1 crashes. n2 and n3 together are a majority, ' +
    'but the failover decision belongs to the coordinator on cp, which sees only n3. Writes stay stopped until the link heals.',
  watch: [
    'Three nodes hold s001 (primary n1; voters n1, n2, n3). cp coordinates.',
    'At 2 s the link cp–n2 is cut. n2 still talks to n1 and n3, and n3 to cp: cp reaches n3, n3 reaches n2, but cp does not reach n2. Connectivity is not transitive.',
    'At 4 s n1 crashes. n2 and n3 reach each other, a majority of s001’s voters, so the shard could go on. But the coordinator on cp counts only the voters it reaches itself: one of three. It does not fail over, and the trace says why.',
    'At 40 s the link heals: cp hears n2 again and elects a primary at once.',
  ],
};
