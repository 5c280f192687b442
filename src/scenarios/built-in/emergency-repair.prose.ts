/** What the learner reads — Emergency repair of a shard that lost two of its three voters. */
import type { ScenarioProse } from '../scenario-prose';

export const emergencyRepairProse: ScenarioProse = {
  description:
    'n3 falls behind behind a network cut, then n1 and n2 crash. s001 keeps one voter of three and cannot fail over. ' +
    'Select s001 and run an emergency repair to see what it restores and exactly which acknowledged writes it gives up.',
  watch: [
    'Three nodes hold s001 (primary n1). At 3 s n3 is cut off from n1 and n2, though cp still reaches it: writes go on, acknowledged by n1 and n2, and n3 falls behind.',
    'At 12 s n1 and n2 crash. Only n3 is left, and it lacks the writes it missed. One voter of three: no failover, no writes.',
    'Now it is the operator’s call. Select s001 and open Emergency repair: the console says beforehand which acknowledged writes n3 lacks and would be lost. unsafe_rollback makes n3 the only voter and primary; writes resume and the lost writes are listed by LSN.',
    'Restart n1 instead, and cp elects it with nothing lost: repair is the last resort, never the first.',
  ],
};
