// @vitest-environment happy-dom
// Goal: when the Share dialog's code cannot be fetched (offline, a deploy replaced the chunk), pressing Share says so
// instead of doing nothing, and pressing it again tries again and opens the dialog.
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, describe, expect, it } from 'vitest';
import { ShareEntry } from './share-entry';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

let host: HTMLElement;
let root: Root;
afterEach(() => {
  act(() => root.unmount());
  host.remove();
});

function FakeDialog() {
  return <div role="dialog" data-testid="fake-share-dialog" />;
}

describe('the Share button', () => {
  it('names a failed load, and a second press retries and opens the dialog', async () => {
    let attempts = 0;
    const load = async () => {
      attempts += 1;
      if (attempts === 1) throw new TypeError('Failed to fetch dynamically imported module: /assets/share-dialog-x.js');
      return { ShareDialog: FakeDialog } as unknown as typeof import('./share-dialog');
    };
    host = document.createElement('div');
    document.body.appendChild(host);
    root = createRoot(host);
    act(() => root.render(<ShareEntry load={load} />));
    const button = host.querySelector<HTMLButtonElement>('[data-testid="control-share"]')!;

    await act(async () => button.click());
    const alert = host.querySelector('[role="alert"]');
    expect(alert?.textContent).toMatch(/could not load.*Failed to fetch dynamically imported module.*press Share this moment again/i);
    expect(host.querySelector('[data-testid="fake-share-dialog"]')).toBeNull();

    await act(async () => button.click());
    expect(attempts).toBe(2);
    expect(host.querySelector('[data-testid="fake-share-dialog"]')).not.toBeNull();
    expect(host.querySelector('[role="alert"]')).toBeNull();
  });
});
