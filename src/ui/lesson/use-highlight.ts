import { useEffect } from 'react';
import { useConsole } from '../session-context';

const ATTRIBUTE = 'data-lesson-highlight';

/**
 * Outlines the elements a narrate step names by their public `data-testid`. The views redraw (D3 replaces SVG
 * nodes), so the mark is laid again on every frame; it is removed when the step changes. The step also says in
 * words what is highlighted, for screen readers and for the learner who does not spot the outline.
 */
export function useHighlight(testIds: readonly string[] | undefined): void {
  const frame = useConsole((s) => s.frame);
  const key = (testIds ?? []).join('\n');
  useEffect(() => {
    const ids = key === '' ? [] : key.split('\n');
    for (const id of ids) {
      for (const element of document.querySelectorAll(`[data-testid="${cssString(id)}"]`)) element.setAttribute(ATTRIBUTE, '');
    }
    return () => {
      for (const element of document.querySelectorAll(`[${ATTRIBUTE}]`)) element.removeAttribute(ATTRIBUTE);
    };
  }, [key, frame]);
}

/** A test id inside a quoted attribute selector: quotes and backslashes escaped. */
function cssString(text: string): string {
  return text.replace(/["\\]/g, (c) => `\\${c}`);
}

/** "node n2, link n2–cp" from `node-n2`, `link-n2-cp`: what a highlight points at, in words. */
export function describeHighlights(testIds: readonly string[]): string {
  return testIds
    .map((id) => {
      const link = /^link-([^-]+)-(.+)$/.exec(id);
      if (link) return `the link between ${link[1]} and ${link[2]}`;
      const thing = /^(node|shard|rack|metric|chart)-(.+)$/.exec(id);
      if (thing) return `${thing[1]} ${thing[2]}`;
      return id;
    })
    .join(', ');
}
