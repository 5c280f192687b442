import { readFileSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import { expect, test } from './fixtures';

/**
 * A learner takes the built-in lesson grace-period-blip in the console: plays to the moment cp declares the node
 * DEAD, predicts (keyboard only), observes the two runs, fails a Check, takes a hint, sets the grace period,
 * passes, and copies a result URL that the teacher's grader page grades as passed.
 */

/** Per variant: the node cut off and the smallest grace period (s) that moves no data (teaching-embed.md §2.5). */
/** The player is its own chunk and the lesson loads in the worker: the first look waits for both. */
const LOADED = 30_000;

const VARIANTS = [
  { node: 'n2', graceS: '0.6' },
  { node: 'n4', graceS: '1.1' },
  { node: 'n6', graceS: '1.6' },
];

test.describe('lesson player', () => {
  test.describe.configure({ timeout: 120_000 });

  test('a learner predicts, observes, fails a check, takes a hint, passes and copies the result', async ({ page, lab, context }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await lab.open('?lesson=grace-period-blip&student=ana.k');
    const player = page.getByTestId('lesson-player');
    await expect(page.getByTestId('lesson-progress')).toHaveText('Step 1 of 8', { timeout: LOADED });
    const variantText = await player.getByText(/Variant \d of 3/).textContent();
    const variant = VARIANTS[Number(/Variant (\d)/.exec(variantText ?? '')![1]) - 1];
    await expect(page.getByTestId('lesson-step')).toContainText(`link between ${variant.node} and the control plane`);

    // Keyboard only: Continue, then play to the moment cp declares the node DEAD.
    await page.getByTestId('lesson-continue').focus();
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('lesson-progress')).toHaveText('Step 2 of 8');
    await expect(page.getByTestId('lesson-continue')).toBeDisabled();
    await page.getByTestId('lesson-step').getByRole('button', { name: 'Play' }).click();
    await expect(page.getByTestId('lesson-continue')).toBeEnabled({ timeout: 30_000 });
    const state = await lab.call('getState');
    expect(state.nodes.find((n) => n.id === variant.node)?.health).toBe('DEAD');
    await page.getByTestId('lesson-continue').focus();
    await page.keyboard.press('Enter');

    // Predict, keyboard only: the observation stays locked until the prediction is committed.
    await expect(page.getByTestId('lesson-step')).toHaveAttribute('data-type', 'predict');
    await expect(page.getByTestId('lesson-continue')).toBeDisabled();
    await page.getByTestId('lesson-choice-a').focus();
    await page.keyboard.press('ArrowDown');
    await expect(page.getByTestId('lesson-choice-b')).toBeChecked();
    await page.keyboard.press('Tab');
    await expect(page.getByTestId('lesson-why')).toBeFocused();
    await page.keyboard.type('the node comes back inside the grace period');
    await page.keyboard.press('Tab');
    await expect(page.getByTestId('lesson-commit')).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('lesson-step')).toContainText('Your prediction, committed at event');
    const scan = await new AxeBuilder({ page }).include('[data-testid="lesson-player"]').analyze();
    expect(scan.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
    await page.getByTestId('lesson-continue').focus();
    await page.keyboard.press('Enter');

    // Observe: the two runs side by side, each openable in the console.
    await page.getByRole('button', { name: 'Run the comparison' }).click();
    const table = page.getByTestId('lesson-observe-table');
    await expect(table).toBeVisible({ timeout: 30_000 });
    await expect(table.getByRole('row', { name: /bytes moved/ })).toContainText('0');
    const mine = await lab.call('getState');
    const mineDigest = await lab.call('digest');
    await page.getByTestId('lesson-open-run-no-grace').click();
    await expect(page.getByRole('status').filter({ hasText: 'comparison run, not yours' })).toBeVisible();
    await expect.poll(async () => (await lab.call('getState')).metrics.bytesMoved).toBeGreaterThan(0);
    await page.getByRole('button', { name: 'Back to my run' }).click();
    await expect.poll(async () => (await lab.call('getState')).timeMs).toBe(mine.timeMs);
    expect(await lab.call('digest')).toBe(mineDigest);
    await page.getByTestId('lesson-continue').click();

    // Explain: beside what the learner predicted.
    await expect(page.getByTestId('lesson-step')).toContainText('You predicted');
    await page.getByTestId('lesson-continue').click();

    // Task: the run played out with no grace period fails the Check; a hint; back before DEAD (exact, by
    // re-simulation), the grace period set, played again: the Check passes.
    await expect(page.getByTestId('lesson-step')).toHaveAttribute('data-type', 'task');
    await lab.call('runUntil', 'healthy');
    await page.getByTestId('lesson-check').click();
    await expect(page.getByTestId('lesson-check-result')).toContainText('Not yet');
    await page.getByTestId('lesson-hint').click();
    await expect(page.getByTestId('lesson-hint-1')).toContainText('node.declaredDead');
    await lab.call('seek', 6000);
    await lab.synced();
    const grace = page.getByLabel(/Grace before re-homing/);
    await grace.fill(variant.graceS);
    await grace.press('Enter');
    await expect.poll(async () => (await lab.call('getState')).params.rehomeGraceMs).toBe(Math.round(Number(variant.graceS) * 1000));
    await lab.call('runUntil', 'healthy');
    await page.getByTestId('lesson-check').click();
    await expect(page.getByTestId('lesson-check-result')).toContainText('Passed');
    await page.getByTestId('lesson-continue').click();

    // Transfer prediction, then reflect.
    await page.getByTestId('lesson-choice-b').check();
    await page.getByTestId('lesson-commit').click();
    await page.getByTestId('lesson-continue').click();
    await page.getByTestId('lesson-reflect').fill('Waiting costs exposure time; copying at once costs churn.');

    // Copy my result: a URL with the run's commands, the predictions, the texts and the task passed.
    await page.getByTestId('lesson-copy-result').click();
    const url = await page.getByTestId('lesson-result-url').inputValue();
    const params = new URL(url).searchParams;
    expect(params.get('lesson')).toBe('grace-period-blip');
    expect(params.get('student')).toBe('ana.k');
    expect(params.getAll('c').some((c) => c.endsWith('config.set:params.rehomeGraceMs=' + Math.round(Number(variant.graceS) * 1000)))).toBe(true);
    expect(params.getAll('p').some((p) => p.startsWith('predict:b'))).toBe(true);
    expect(params.get('done') ?? params.getAll('done').join(',')).toContain('tune');
    // The observe step is recorded when its results were shown: the grader orders each prediction against it.
    expect(params.get('done')).toMatch(/(^|,)observe@\d+/);
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(url);

    // The teacher's grader page replays the result with its own copy of the lesson: passed.
    await page.goto('/grade.html');
    await page.getByTestId('grader-lesson-builtin').selectOption('grace-period-blip');
    await expect(page.getByTestId('grader-lesson-status')).toContainText('grace-period-blip');
    await page.getByTestId('grader-input').fill(url);
    await page.getByTestId('grader-run').click();
    await expect(page.getByTestId('grader-row-ana.k')).toHaveClass(/(^|\s)passed/, { timeout: 60_000 });
  });

  test('a learner without an id in the link is asked once, and the id is kept', async ({ page, lab }) => {
    await lab.open('?lesson=grace-period-blip');
    const student = page.getByTestId('lesson-student');
    await expect(student).toBeVisible({ timeout: LOADED });
    await student.fill('bo.l');
    await student.press('Enter');
    await expect(page.getByTestId('lesson-progress')).toHaveText('Step 1 of 8');
    await expect(page.getByTestId('lesson-player')).toContainText('bo.l');
    await lab.open('?lesson=grace-period-blip');
    await expect(page.getByTestId('lesson-progress')).toHaveText('Step 1 of 8', { timeout: LOADED });
    await expect(page.getByTestId('lesson-student')).toHaveCount(0);
    expect(await page.evaluate(() => localStorage.getItem('failover-lab.student'))).toBe('bo.l');
  });

  test('a lesson inline in the link (lessonJson) plays, and its result carries it inline', async ({ page, lab }) => {
    const text = readFileSync(new URL('../src/lessons/fixtures/grace-period-blip.json', import.meta.url), 'utf8');
    await lab.open(`?lessonJson=${Buffer.from(text).toString('base64url')}&student=cy.m`);
    await expect(page.getByTestId('lesson-progress')).toHaveText('Step 1 of 8', { timeout: LOADED });
    await expect.poll(async () => (await lab.call('getState')).nodes.length).toBe(6);
    await page.getByTestId('lesson-copy-result').click();
    const params = new URL(await page.getByTestId('lesson-result-url').inputValue()).searchParams;
    expect(params.get('lesson')).toBeNull();
    expect(Buffer.from(params.get('lessonJson') ?? '', 'base64url').toString('utf8')).toBe(text);
  });

  test('a narrate step highlights what it names (and says it), and advanceWhen goes on at the model event', async ({ page, lab }) => {
    const lesson = JSON.parse(readFileSync(new URL('../src/lessons/fixtures/grace-period-blip.json', import.meta.url), 'utf8'));
    lesson.variants = { by: 'none', values: [] };
    lesson.steps[0].highlight = ['node-{{node}}'];
    const blip = lesson.steps[1];
    blip.advanceWhen = blip.play.until;
    delete blip.play;
    await lab.open(`?lessonJson=${Buffer.from(JSON.stringify(lesson)).toString('base64url')}&student=cy.m`);
    await expect(page.getByTestId('lesson-step')).toContainText('Highlighted in the console: node n2.', { timeout: LOADED });
    await expect(page.getByTestId('node-n2')).toHaveAttribute('data-lesson-highlight', '');
    await page.getByTestId('lesson-continue').click();
    await expect(page.getByTestId('node-n2')).not.toHaveAttribute('data-lesson-highlight');
    await expect(page.getByTestId('lesson-step')).toContainText('goes on by itself');
    await page.getByTestId('control-play').click();
    await expect(page.getByTestId('lesson-step')).toHaveAttribute('data-type', 'predict', { timeout: 30_000 });
    expect((await lab.call('getState')).nodes.find((n) => n.id === 'n2')?.health).toBe('DEAD');
  });

  test('a lesson that cannot load is named in an alert, and the console opens its default scenario', async ({ page, lab }) => {
    await lab.open('?lesson=no-such-lesson&student=ana.k');
    await expect(page.getByRole('alert').filter({ hasText: 'no-such-lesson' })).toBeVisible({ timeout: LOADED });
    await expect(page.getByTestId('lesson-player')).toHaveCount(0);
    expect((await lab.call('getState')).nodes).toHaveLength(6);
    await expect(page.getByTestId('scenario-select')).toHaveValue('rehome-worked-example');
  });

  test('the panels a lesson leaves out are hidden while it plays', async ({ page, lab }) => {
    // grace-period-blip shows cluster, metrics, log, playback and failover: no inspector, no shard placement.
    await lab.open('?lesson=grace-period-blip&student=ana.k');
    await expect(page.getByTestId('lesson-progress')).toBeVisible({ timeout: LOADED });
    await expect(page.getByTestId('failover-panel')).toBeVisible();
    await expect(page.getByTestId('inspector')).toBeHidden();
    await expect(page.getByTestId('placement')).toBeHidden();
  });

  test('a step that does not use a control refuses it in words', async ({ page, lab }) => {
    // The built-in grace lesson hides the inspector; this copy shows it, with no commands allowed outside its task.
    const lesson = JSON.parse(readFileSync(new URL('../src/lessons/fixtures/grace-period-blip.json', import.meta.url), 'utf8'));
    lesson.ui = { ...lesson.ui, panels: ['cluster', 'inspector', 'log', 'playback'], allowCommands: [] };
    await lab.open(`?lessonJson=${Buffer.from(JSON.stringify(lesson)).toString('base64url')}&student=ana.k`);
    await expect(page.getByTestId('lesson-progress')).toBeVisible({ timeout: LOADED });
    await page.getByTestId('node-n1').click();
    const crash = page.getByRole('button', { name: 'Crash n1' });
    await expect(crash).toHaveAttribute('aria-disabled', 'true');
    await expect(crash).toHaveAttribute('title', /This lesson step does not use node\.crash/);
    // Marked disabled for assistive technology, still reachable: pressing it says why nothing happens.
    await crash.focus();
    await page.keyboard.press('Enter');
    await expect(page.getByRole('alert').filter({ hasText: 'does not use node.crash' })).toBeVisible();
    expect((await lab.call('getState')).nodes.find((n) => n.id === 'n1')?.up).toBe(true);
  });
});
