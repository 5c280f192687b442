// Goal: the what-if preview leads with what the scenario is about. In the worked example (no clients) hovering
// "Crash n3" counts the 200 shards that would lose a copy and says nothing of writes; with clients writing it
// says both. The outlined cells are the shards it counts.
import { expect, test } from './fixtures';

test.describe('what-if preview', () => {
  test('worked example: Crash n3 would cost 200 shards a copy; no writes are mentioned', async ({ page, lab }) => {
    test.setTimeout(90_000);
    await lab.open('?scenario=rehome-worked-example&t=0');
    await lab.call('pause');
    await lab.call('select', { kind: 'node', id: 'n3' });
    await page.getByRole('button', { name: 'Crash n3' }).hover();
    await expect(page.getByTestId('what-if')).toHaveText('Crash n3: 200 shards would lose a copy (outlined).');
    await expect(page.locator('[data-hit]')).toHaveCount(200);
    const onN3 = (await lab.call('getState')).shards.filter((s) => s.replicas.includes('n3')).map((s) => s.id);
    await expect(page.getByTestId(`shard-${onN3[0]}`)).toHaveAttribute('data-hit', 'true');
    await expect(page.getByTestId(`shard-${onN3[0]}`)).toHaveAttribute('aria-label', /would lose a copy/);
  });

  test('with clients writing, Crash n1 says both: copies first, then the writes it would stop', async ({ page, lab }) => {
    test.setTimeout(90_000);
    await lab.open('?scenario=primary-failover-rf3&t=0');
    await lab.call('pause');
    await lab.call('select', { kind: 'node', id: 'n1' });
    await page.getByRole('button', { name: 'Crash n1' }).hover();
    await expect(page.getByTestId('what-if')).toHaveText(
      'Crash n1: 12 shards would lose a copy (outlined); 4 of them would stop taking writes at once.',
    );
    await expect(page.locator('[data-hit]')).toHaveCount(12);
  });
});
