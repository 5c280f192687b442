import type { CpMemberRole, CpMemberView } from '../../engine/index';

/** Each role's glyph, shown beside its word (never colour alone). */
export const CP_ROLE_GLYPH: Record<CpMemberRole, string> = {
  leader: '★',
  follower: '○',
  candidate: '◎',
  down: '✕',
};

/** A member in one sentence: "cp3: follower, term 2, journal index 8". A cold standby's lag is named. */
export function cpMemberWords(member: CpMemberView): string {
  const lag = member.appliedIndex < member.journalIndex ? ` (applied up to ${member.appliedIndex})` : '';
  return `${member.id}: ${member.role}, term ${member.term}, journal index ${member.journalIndex}${lag}`;
}
