import { useEffect } from 'react';
import type { Lesson, LessonStep } from '../../lessons/lesson-types';
import type { ConsoleClient } from '../../worker/console-client';
import { allowedCommands, commandOfControl, commandRefusal } from './command-policy';

const MARK = 'data-lesson-locked';
const CONTROLS = '.inspector button, .failover-settings input, .failover-settings select, .cluster-actions button';

/**
 * Keeps the learner on the concept: controls this step does not use are marked disabled (aria-disabled, the reason
 * in their title and aria-description), and the console's client refuses their commands with the same reason. The
 * views redraw, so the marks are laid again whenever the DOM changes.
 */
export function useCommandPolicy(client: ConsoleClient, lesson: Lesson, step: LessonStep | undefined): void {
  const allowed = allowedCommands(lesson, step);
  const key = allowed === null ? null : allowed.join('\n');
  useEffect(() => {
    const list = key === null ? null : key === '' ? [] : key.split('\n');
    client.setCommandPolicy(list === null ? null : (command) => commandRefusal(list, command));
    if (list === null) return () => client.setCommandPolicy(null);
    const mark = () => {
      for (const element of document.querySelectorAll(CONTROLS)) {
        if (element.closest('[data-testid="lesson-player"]')) continue;
        const command = commandOfControl(element);
        const refusal = command ? commandRefusal(list, command) : element.matches('button.danger') ? faultRefusal(list) : null;
        if (refusal === null) {
          if (element.hasAttribute(MARK)) unmark(element);
        } else if (element.getAttribute(MARK) !== refusal) {
          element.setAttribute(MARK, refusal);
          element.setAttribute('aria-disabled', 'true');
          element.setAttribute('title', refusal);
          element.setAttribute('aria-description', refusal);
        }
      }
    };
    mark();
    const observer = new MutationObserver(mark);
    observer.observe(document.body, { childList: true, subtree: true });
    return () => {
      observer.disconnect();
      client.setCommandPolicy(null);
      for (const element of document.querySelectorAll(`[${MARK}]`)) unmark(element);
    };
  }, [client, key]);
}

/** A fault button the policy cannot name (partition, rack, link): refused when the step allows no fault at all. */
function faultRefusal(allowed: readonly string[]): string | null {
  if (allowed.some((entry) => !entry.startsWith('config.set') && entry !== 'workload.set')) return null;
  return 'This lesson step does not inject faults: it asks you to watch the run (play, step, step back).';
}

function unmark(element: Element): void {
  element.removeAttribute(MARK);
  element.removeAttribute('aria-disabled');
  element.removeAttribute('title');
  element.removeAttribute('aria-description');
}
