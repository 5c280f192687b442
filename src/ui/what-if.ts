import type { Command } from '../engine/index';
import type { ConsoleSession } from '../store/session';

/**
 * Props that make a fault button preview its effect: while it is hovered or
 * focused, the placement grid outlines the shards whose writes it would stop.
 */
export function previewProps(session: ConsoleSession, label: string, command: Command) {
  const show = () => session.previewFault(label, command);
  const hide = () => session.previewFault(label, null);
  return { onMouseEnter: show, onFocus: show, onMouseLeave: hide, onBlur: hide };
}
