// Written only against @failover-lab/playwright's public API, the way a product team tests the console.
import { expect, test } from '@failover-lab/playwright';

test.describe('a node crashed from the UI', () => {
  // The run to healthy re-homes 200 shards: a few seconds on a quiet machine, more on a busy one.
  test.describe.configure({ timeout: 90_000 });

  test('the process stops at once (truth); cp declares it DEAD only after the silence (belief)', async ({ lab }) => {
    // timeline=0: the scenario without its own "crash n3 at 5 s", so only this test acts.
    await lab.open({ scenario: 'rehome-worked-example', timeline: 0 });
    await lab.call('advanceBy', 2000);
    await lab.node('n3').crash();
    await expect(lab.node('n3')).toHaveHealth('ACTIVE', { truth: 'crashed' });
    await lab.call('advanceBy', 12_000);
    await expect(lab.node('n3')).toHaveHealth('DEAD', { truth: 'crashed' });
    await expect(lab).toHaveTrace('node.declaredDead', { node: 'n3' }, { count: 1 });
  });

  test('the copies drain back: under-replicated shards rise to 200, then the run reaches healthy', async ({ lab }) => {
    await lab.open({ scenario: 'rehome-worked-example', timeline: 0 });
    await lab.call('advanceBy', 2000);
    await lab.node('n3').crash();
    await lab.call('advanceBy', 10_500);
    await expect(lab.metric('under-replicated')).toHaveText('200');
    await expect(lab).toHaveMetric('underReplicatedShards', 200);
    await expect(lab).toReach('healthy', { maxMs: 300_000 });
    await expect(lab).toHaveMetric('underReplicatedShards', 0);
    await expect(lab.metric('under-replicated')).toHaveText('0');
  });
});
