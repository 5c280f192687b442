import type { Page } from '@playwright/test';
import { expect, test, type Lab } from './fixtures';

// The Share dialog (teaching-embed.md §3.7): "Share this moment" opens a dialog with a Link tab (the console URL,
// as the button always gave) and an Embed tab where a docs author picks panels, moment and theme, sees a preview
// and copies a snippet.

test.use({ permissions: ['clipboard-read', 'clipboard-write'] });

const clipboard = (page: Page) => page.evaluate(() => navigator.clipboard.readText());

/** A moment worth sharing: n3 crashed in the worked example, 20 s in, paused. */
async function openAtMoment(lab: Lab) {
  await lab.open('?scenario=rehome-worked-example');
  await lab.call('advanceBy', 20_000);
  await lab.call('pause');
}

test('the Link tab puts the moment\'s URL in the address bar and the clipboard', async ({ page, lab }) => {
  test.setTimeout(60_000);
  await openAtMoment(lab);
  await page.getByTestId('control-share').click();

  const dialog = page.getByRole('dialog', { name: 'Share this moment' });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole('tab', { name: 'Link' })).toHaveAttribute('aria-selected', 'true');
  const url = dialog.getByTestId('share-link-url');
  await expect(url).toHaveValue(/\?scenario=rehome-worked-example&seed=\d+&e=\d+&t=20000/);
  // As before the dialog: the moment goes to the address bar at once.
  expect(page.url()).toContain('t=20000');

  await dialog.getByTestId('share-link-copy').click();
  await expect(dialog.getByRole('status')).toHaveText('Link copied');
  expect(await clipboard(page)).toBe(await url.inputValue());
});

test('the Embed tab: panels and theme change the preview, and Copy gives the snippet', async ({ page, lab }) => {
  test.setTimeout(90_000);
  await openAtMoment(lab);
  await page.getByTestId('control-share').click();
  const dialog = page.getByRole('dialog', { name: 'Share this moment' });
  await dialog.getByRole('tab', { name: 'Embed' }).click();

  const preview = dialog.getByTestId('share-embed-preview');
  await expect(preview).toHaveAttribute('src', /\/embed\/\?scenario=rehome-worked-example&seed=\d+&e=\d+&t=20000&panels=cluster,playback&controls=playback&theme=auto$/);

  await dialog.getByRole('checkbox', { name: 'Metrics' }).check();
  await dialog.getByRole('radio', { name: 'Dark' }).check();
  await expect(preview).toHaveAttribute('src', /panels=cluster,metrics,playback&controls=playback&theme=dark/);
  // The preview is the embed page itself, at the moment chosen.
  await expect(page.frameLocator('[data-testid="share-embed-preview"]').getByTestId('control-time')).toContainText('20.0 s', { timeout: 30_000 });

  const snippet = dialog.getByTestId('share-embed-snippet');
  await expect(snippet).toHaveValue(/^<iframe src="http:\/\/[^"]+\/embed\/\?scenario=rehome-worked-example&amp;/);
  await dialog.getByTestId('share-embed-copy').click();
  await expect(dialog.getByTestId('share-embed-status')).toHaveText('Copied');
  const copied = await clipboard(page);
  expect(copied).toBe(await snippet.inputValue());
  expect(copied).toContain('panels=cluster,metrics,playback&amp;controls=playback&amp;theme=dark');
  expect(copied).toContain('sandbox="allow-scripts allow-same-origin allow-popups allow-popups-to-escape-sandbox"');

  await dialog.getByRole('radio', { name: 'MDX' }).check();
  await expect(snippet).toHaveValue(/referrerPolicy="strict-origin-when-cross-origin"/);
  await dialog.getByRole('radio', { name: 'reStructuredText' }).check();
  await expect(snippet).toHaveValue(/^\.\. raw:: html\n\n {3}<iframe /);

  // From the start: the moment's e= and t= leave the URL.
  await dialog.getByRole('radio', { name: 'The start' }).check();
  await expect(preview).not.toHaveAttribute('src', /[?&][et]=/);
});

test('keyboard only: Enter opens, arrows move through the tabs, Escape closes and focus returns', async ({ page, lab }) => {
  test.setTimeout(60_000);
  await lab.open('?scenario=rehome-worked-example');
  const share = page.getByTestId('control-share');
  await share.focus();
  await page.keyboard.press('Enter');

  const dialog = page.getByRole('dialog', { name: 'Share this moment' });
  await expect(dialog).toBeVisible();
  const linkTab = dialog.getByRole('tab', { name: 'Link' });
  const embedTab = dialog.getByRole('tab', { name: 'Embed' });
  // Focus starts in the dialog; Shift+Tab from the first control reaches the selected tab.
  await expect(linkTab).toBeFocused();
  await page.keyboard.press('ArrowRight');
  await expect(embedTab).toBeFocused();
  await expect(embedTab).toHaveAttribute('aria-selected', 'true');
  await expect(dialog.getByRole('tabpanel', { name: 'Embed' })).toBeVisible();
  await page.keyboard.press('ArrowLeft');
  await expect(linkTab).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('End');
  await expect(embedTab).toHaveAttribute('aria-selected', 'true');

  // Tab moves into the panel (its first control), never back to the page behind the dialog.
  await page.keyboard.press('Tab');
  await expect(dialog.getByRole('checkbox', { name: 'Cluster' })).toBeFocused();
  // A key meant for the dialog's controls does not reach the console's shortcuts (Space would play).
  await page.keyboard.press('Space');
  expect((await lab.call('getState')).timeMs).toBe(0);

  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(share).toBeFocused();
});
