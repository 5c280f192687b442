// Goal: a course page on another origin embeds a lesson with <failover-lab lesson=… student=…> and follows the
// learner: pressing Continue in the embed reaches the page as `failoverlab-lesson {stepId, status}`, committing a
// prediction as status `committed`, copying the result as `failoverlab-result`; the page reads the learner's result
// with driver['lesson.result']() and loads another lesson with driver['lesson.load'](id, {student}).
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';

const HOSTS = 'http://127.0.0.1:4174';

type LabElement = HTMLElement & { ready: Promise<void>; driver: Record<string, (...args: unknown[]) => Promise<unknown>> };
type HostEvent = { name: 'lesson' | 'result'; data: Record<string, unknown> };

function drive(page: Page, method: string, ...args: unknown[]) {
  return page.evaluate(
    async ([method, args]) => {
      const el = document.getElementById('lab') as LabElement;
      await el.ready;
      return el.driver[method as string](...(args as unknown[]));
    },
    [method, args] as const,
  );
}

const hostEvents = (page: Page) => page.evaluate(() => (window as unknown as { lessonEvents: HostEvent[] }).lessonEvents);
const lessonEvents = async (page: Page) => (await hostEvents(page)).filter((e) => e.name === 'lesson').map((e) => e.data);

test.describe('a lesson in an embed, followed by its host page', () => {
  test.setTimeout(90_000);
  // The whole 760 px embed in view: the lesson's sheet is fixed to the frame's bottom, which a click cannot scroll to.
  test.use({ viewport: { width: 1280, height: 1000 } });

  test('Continue, a committed prediction and the copied result reach the page; it reads the result and loads another lesson', async ({ page, baseURL, errors }) => {
    void errors;
    const app = new URL(baseURL!).origin;
    await page.goto(`${HOSTS}/lesson.html?app=${encodeURIComponent(app)}`);
    await page.evaluate(() => (document.getElementById('lab') as LabElement).ready);
    const frame = page.frameLocator('#lab iframe');
    await expect(frame.getByTestId('lesson-progress')).toHaveText(/Step 1 of/);
    await expect.poll(() => lessonEvents(page)).toEqual([{ stepId: 'setup', status: 'shown' }]);

    await frame.getByTestId('lesson-continue').click();
    await expect(page.locator('#step')).toHaveText('predict-one (shown)');
    expect(await lessonEvents(page)).toEqual([
      { stepId: 'setup', status: 'shown' },
      { stepId: 'predict-one', status: 'shown' },
    ]);

    await frame.getByTestId('lesson-choice-b').check();
    await frame.getByTestId('lesson-commit').click();
    await expect(page.locator('#step')).toHaveText('predict-one (committed)');

    const result = (await drive(page, 'lesson.result')) as { lessonId: string; variant: number; resultUrl: string; passedSteps: string[] };
    expect(result.lessonId).toBe('three-servers-majority');
    expect(result.variant).toBe(0);
    expect(result.passedSteps).toEqual([]);
    // The result opens the full console (not the embed), with the learner and their prediction.
    expect(result.resultUrl.startsWith(`${app}/?lesson=three-servers-majority&`)).toBe(true);
    expect(new URL(result.resultUrl).searchParams.get('student')).toBe('ada');
    expect(new URL(result.resultUrl).searchParams.getAll('p')[0]).toMatch(/^predict-one:b@e=\d+$/);

    await frame.getByTestId('lesson-copy-result').click();
    await expect(frame.getByTestId('lesson-result-url')).toBeVisible();
    const copied = (await hostEvents(page)).filter((e) => e.name === 'result');
    expect(copied).toHaveLength(1);
    expect(copied[0].data).toMatchObject({ lessonId: 'three-servers-majority', variant: 0, passedSteps: [] });
    expect(copied[0].data.resultUrl).toBe(await frame.getByTestId('lesson-result-url').inputValue());

    // Another lesson, loaded by the page: answered once it shows, and its first step reaches the page.
    const loaded = await drive(page, 'lesson.load', 'two-servers-no-failover', { student: 'bob' });
    expect(loaded).toMatchObject({ lessonId: 'two-servers-no-failover', variant: 0 });
    await expect(frame.getByTestId('lesson-player')).toHaveAccessibleName(/^Lesson: /);
    await expect(frame.getByTestId('lesson-progress')).toHaveText(/Step 1 of/);
    expect(((await drive(page, 'lesson.result')) as { lessonId: string }).lessonId).toBe('two-servers-no-failover');
    await expect.poll(async () => (await lessonEvents(page)).length).toBe(4);

    // A lesson that does not exist: a refusal naming it, not silence.
    const refused = await page.evaluate(async () => {
      const el = document.getElementById('lab') as LabElement;
      return el.driver['lesson.load']('no-such-lesson').then(
        () => 'loaded',
        (error: Error) => error.message,
      );
    });
    expect(refused).toContain('no-such-lesson');
  });
});
