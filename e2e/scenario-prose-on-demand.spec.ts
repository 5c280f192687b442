import { expect, test } from './fixtures';
import { getBuiltInScenario } from '../src/scenarios/registry';

// A built-in's description and What-to-watch list arrive after first paint (kept out of the start-up bundle,
// DESIGN.md §5). While they are on their way the header must show nothing wrong and hold their place.
test.describe('a built-in scenario\'s words, fetched after first paint', () => {
  for (const width of [1440, 390]) {
    test(`hold their line while loading and then appear, the console below not moving (${width} px)`, async ({ page, lab }) => {
      test.setTimeout(60_000);
      await page.setViewportSize({ width, height: width < 600 ? 844 : 900 });
      let release!: () => void;
      const held = new Promise<void>((resolve) => (release = resolve));
      // Dev server: the module itself; built console: its chunk.
      await page.route(/built-in-prose(\.ts|-[\w-]{8}\.js)(\?|$)/, async (route) => {
        await held;
        await route.continue();
      });
      await lab.open('?scenario=rack-outage');
      const header = page.locator('.app-header');
      const bar = page.getByTestId('control-play');
      const pendingHeight = (await header.boundingBox())!.height;
      const barTopPending = (await bar.boundingBox())!.y;
      await expect(header).not.toContainText('undefined');
      await expect(page.getByTestId('watch-toggle')).toHaveCount(0);

      release();
      const scenario = getBuiltInScenario('rack-outage')!;
      await expect(page.getByTestId('watch-toggle')).toHaveText(`What to watch (${scenario.watch!.length})`);
      await expect(page.locator('#scenario-description-text')).toHaveText(scenario.description!);
      expect((await header.boundingBox())!.height).toBeCloseTo(pendingHeight, 0);
      expect((await bar.boundingBox())!.y).toBeCloseTo(barTopPending, 0);
    });
  }
});
