// Goal: the quorum lessons by hand — partition the network from the partition tool and watch shards stop
// and fail over; run an emergency repair and read, before and after, exactly which acknowledged writes it costs.
import { expect, test } from './fixtures';

test.describe('partition tool', () => {
  test('previews the shards a partition would stop, cuts between sides, shows who reaches whom, heals', async ({ page, lab }) => {
    await lab.open('?scenario=primary-failover-rf3&t=0');
    await lab.call('pause');
    // Put n1 alone on side B; cp, n2 and n3 stay on side A.
    await page.getByTestId('side-n1').selectOption('B');
    const cutButton = page.getByRole('button', { name: 'Cut between sides' });
    const before = await lab.call('getState');
    const ledByN1 = before.shards.filter((s) => s.primary === 'n1').map((s) => s.id);
    expect(ledByN1.length).toBe(4);

    await cutButton.hover();
    // Every shard has a copy on n1 that the router would lose sight of; the four n1 leads would stop taking writes.
    await expect(page.getByTestId('what-if')).toHaveText(/This partition: 12 shards would lose a copy \(outlined\); 4 of them would stop taking writes/);
    for (const id of ledByN1) await expect(page.getByTestId(`shard-${id}`)).toHaveAttribute('data-hit', 'true');

    await cutButton.click();
    // Each endpoint says what it can still reach.
    await expect(page.getByTestId('reach-n1')).toHaveText(/n1 reaches nothing · cannot reach cp, n2, n3/);
    await expect(page.getByTestId('reach-cp')).toHaveText(/cp reaches n2, n3 · cannot reach n1/);
    for (const id of ledByN1) await expect(page.getByTestId(`shard-${id}`)).toHaveAttribute('data-quorum', 'primaryUnreachable');

    // After detection and an election, the majority side leads every shard in term 2; nothing acknowledged is lost.
    await lab.call('advanceBy', 15_000);
    await expect(page.getByTestId('quorum-counts')).toContainText('12 takes writes');
    const after = await lab.call('getState');
    for (const id of ledByN1) {
      const shard = after.shards.find((s) => s.id === id)!;
      expect(shard.term).toBe(2);
      expect(['n2', 'n3']).toContain(shard.primary);
    }
    await expect(page.getByTestId('metric-writes-lost')).toHaveText('0');

    await page.getByRole('button', { name: 'Heal every link' }).click();
    await expect(page.getByTestId('reach-list')).toHaveCount(0);
  });
});

test.describe('emergency repair', () => {
  test('says beforehand what it will lose, runs, and afterwards lists exactly the lost writes', async ({ page, lab }) => {
    await lab.open('?scenario=emergency-repair&t=25000');
    await lab.call('pause');
    await page.getByTestId('shard-s001').click();
    await expect(page.getByTestId('inspector-shard-quorum')).toContainText('no primary');
    await expect(page.getByTestId('inspector-shard-quorum')).toContainText('cp can reach 1 of its 3 voters');

    const state = await lab.call('getState');
    const s001 = state.shards[0];
    const n3 = s001.replicaRoles.find((r) => r.node === 'n3')!;
    const lost = s001.lsn - n3.lsn;
    expect(lost).toBeGreaterThan(0);
    const preview = page.getByTestId('repair-preview');
    await expect(preview).toContainText(`${lost} acknowledged write(s) (LSN ${n3.lsn + 1}–${s001.lsn})`);

    await page.getByRole('button', { name: `Repair s001 and lose ${lost} writes` }).click();
    await expect(page.getByTestId('metric-writes-lost')).toHaveText(String(lost));
    await expect(page.getByTestId('lost-writes')).toContainText(`Lost ${lost} acknowledged writes: LSN ${n3.lsn + 1}–${s001.lsn}`);
    await expect(page.getByTestId('inspector-shard-quorum')).toContainText('takes writes');
    await expect(page.getByTestId('role-n3')).toHaveAttribute('data-role', 'primary');
    // The repair is a recorded command: writes flow again as time goes on.
    const acked = (await lab.call('getState')).metrics.writesAcked;
    await lab.call('advanceBy', 5000);
    expect((await lab.call('getState')).metrics.writesAcked).toBeGreaterThan(acked + 30);
  });
});
