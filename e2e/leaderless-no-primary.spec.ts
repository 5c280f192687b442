import { expect, test } from './fixtures';

// Issue 13 (design recovery-repair.md §7.1): a leaderless cluster has no primary and no voters. The cluster map, the
// placement legend and the shard inspector say whether a coordinator can get a write acknowledged at the write
// consistency level, and never name a primary.
test.describe('leaderless views name no primary', () => {
  test.setTimeout(60_000);

  test('read-repair-vs-anti-entropy at 30 s, s001 selected', async ({ page, lab }) => {
    await lab.open('?scenario=read-repair-vs-anti-entropy');
    await lab.call('pause');
    await lab.call('advanceBy', 30_000);
    await lab.call('select', { kind: 'shard', id: 's001' });
    await lab.synced();

    await page.getByRole('button', { name: 'Writes', exact: true }).click();
    const counts = page.getByTestId('quorum-counts');
    await expect(counts).toContainText('16 takes writes (CL QUORUM)');
    await expect(counts).toContainText('too few replicas for CL QUORUM');
    await expect(counts).not.toContainText(/primary/);

    const inspector = page.getByTestId('inspector');
    await expect(inspector.getByTestId('inspector-shard-writable')).toHaveText(/takes writes \(CL QUORUM\)/);
    await expect(inspector).not.toContainText(/\(primary\)|primary unreachable|voter/);
    // The map draws no primary badge on any node holding s001.
    await expect(page.getByTestId('cluster-map')).not.toContainText(/primary/);
    // The placement chips say "replica", never "primary".
    await expect(page.locator('.node-strip')).not.toContainText(/primary/);
  });
});
