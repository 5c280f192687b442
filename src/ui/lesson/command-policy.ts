import type { Command } from '../../engine/index';
import type { Lesson, LessonStep } from '../../lessons/lesson-types';

/**
 * Which commands a lesson lets the learner use at a step (decision 7): `ui.allowCommands` everywhere, plus a task
 * step's own `allowCommands`. An entry is a command kind (`node.crash`) or `config.set:<path>`. null: everything
 * (the lesson restricts nothing). `ui.controls` 'playback' or 'none' allows no command beyond those lists.
 */
export function allowedCommands(lesson: Lesson, step: LessonStep | undefined): string[] | null {
  const controls = lesson.ui.controls ?? 'all';
  const task = step?.type === 'task' ? (step.allowCommands ?? []) : [];
  if (lesson.ui.allowCommands === undefined && controls === 'all') return null;
  return [...(lesson.ui.allowCommands ?? []), ...task];
}

/** Why this command is not for this step, in words (null: allowed). */
export function commandRefusal(allowed: readonly string[] | null, command: Command): string | null {
  if (allowed === null) return null;
  const path = command.type === 'config.set' ? command.path : null;
  const ok = allowed.some((entry) => entry === command.type || (path !== null && entry === `config.set:${path}`));
  if (ok) return null;
  const what = path !== null ? `changing ${path}` : command.type;
  return allowed.length === 0
    ? `This lesson step does not use ${what}: it asks you to watch the run (play, step, step back).`
    : `This lesson step does not use ${what}; it lets you use ${allowed.map(describeEntry).join(', ')}.`;
}

function describeEntry(entry: string): string {
  return entry.startsWith('config.set:') ? `changing ${entry.slice('config.set:'.length)}` : entry;
}

/** The command a console control would send, read from the control itself (its name or its label). */
export function commandOfControl(element: Element): Command | null {
  const name = (element.getAttribute('aria-label') ?? element.textContent ?? '').trim();
  const node = /^(Crash|Restart|Destroy|Rebuild|Checkpoint)\s+(n\w+)/i.exec(name);
  if (node) return { type: `node.${node[1].toLowerCase()}`, node: node[2] } as Command;
  const label = element.closest('label')?.textContent ?? '';
  const field = element.closest('.failover-settings') ? (label || (element.id ? (document.querySelector(`label[for="${element.id}"]`)?.textContent ?? '') : '')) : '';
  if (/autoReReplicate/.test(field)) return { type: 'config.set', path: 'failover.autoReReplicate', value: true };
  if (/asyncReReplicate/.test(field)) return { type: 'config.set', path: 'failover.asyncReReplicate', value: true };
  if (/Registered nodes/i.test(field)) return { type: 'config.set', path: 'failover.registeredNodes', value: 'all' };
  if (/grace/i.test(field)) return { type: 'config.set', path: 'params.rehomeGraceMs', value: 0 };
  if (/Client writes/i.test(field)) return { type: 'workload.set', writesPerSec: 0 } as Command;
  return null;
}
