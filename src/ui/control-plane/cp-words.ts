import type { CpMemberRole, CpMemberView } from '../../engine/index';

/** Each role's glyph, shown beside its word (never colour alone). */
export const CP_ROLE_GLYPH: Record<CpMemberRole, string> = {
  leader: '★',
  follower: '○',
  candidate: '◎',
  down: '✕',
};

/**
 * A member in one sentence: "cp3: follower, term 2, journal index 8". A cold standby's lag is named; a group that
 * keeps no journal says so (its members hold only the new leader's empty entries).
 */
export function cpMemberWords(member: CpMemberView, journal = true): string {
  if (!journal) return `${member.id}: ${member.role}, term ${member.term}, no journal`;
  const lag = member.appliedIndex < member.journalIndex ? ` (applied up to ${member.appliedIndex})` : '';
  return `${member.id}: ${member.role}, term ${member.term}, journal index ${member.journalIndex}${lag}`;
}
