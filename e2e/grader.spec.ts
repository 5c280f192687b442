import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { lessonHash } from '../src/lessons/lesson-hash';
import { parseLesson } from '../src/lessons/parse-lesson';
import { encodeResult } from '../src/lessons/result-url';
import { applyVariant, variantFor } from '../src/lessons/variants';

/**
 * The grader page (grade.html): a teacher opens it with the lesson, pastes a class's result URLs (one good, one
 * that is not a result, one for another lesson), grades them in the page's worker, and downloads the CSV.
 */

const LESSON_ID = 'grace-period-blip';
// The built-in's text is its file, byte for byte (built-in-lessons.test.ts); Playwright's loader reads no JSON imports.
const text = readFileSync(new URL(`../src/lessons/built-in/${LESSON_ID}.json`, import.meta.url), 'utf8');
const parsed = parseLesson(text);
if (!parsed.ok) throw new Error(parsed.problems.join('\n'));
const hash = lessonHash(text);

/** A result that follows the reference solution, as the player would hand it in. */
function solvedUrl(student: string, lessonRef = LESSON_ID): string {
  const variant = variantFor(parsed.ok ? parsed.lesson : (null as never), hash, student);
  const resolved = applyVariant(parsed.ok ? parsed.lesson : (null as never), variant);
  const commands = Object.values(resolved.lesson.solution).flatMap((s) => s.commands ?? []);
  const predictions = Object.fromEntries(
    Object.entries(resolved.lesson.solution)
      .filter(([, s]) => typeof s.prediction === 'string')
      .map(([id, s]) => [id, { choice: s.prediction as string, atEvent: 0 }]),
  );
  return `http://127.0.0.1/?${encodeResult({
    lessonRef,
    lessonJson: null,
    lessonHash: hash,
    student,
    variant,
    commands: commands.map((command) => ({ atMs: 0, afterEvent: 0, command })),
    predictions,
    texts: { wrap: 'Churn against exposure.' },
    done: {},
    eventCount: 0,
    timeMs: 30000,
  })}`;
}

test('a teacher grades a class: good, broken and foreign results each get a row, and the CSV downloads', async ({ page }) => {
  test.setTimeout(90_000);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));

  await page.goto(`/grade.html?lesson=${LESSON_ID}`);
  await expect(page.getByTestId('grader-lesson-status')).toContainText('Loaded “Why wait before re-homing? A short blip”');
  await expect(page.getByLabel('Built-in lesson')).toHaveValue(LESSON_ID);

  const lines = [solvedUrl('ana.k'), 'I did the lesson, it was fun', solvedUrl('ben', 'two-servers-no-failover')];
  await page.getByLabel('Result URLs, one per line').fill(lines.join('\n'));
  await page.getByTestId('grader-run').click();
  await expect(page.getByTestId('grader-status')).toContainText('Done: 3 students, 1 passed', { timeout: 60_000 });

  const table = page.getByTestId('grader-table');
  await expect(table.locator('caption')).toHaveText('Why wait before re-homing? A short blip: 3 students, 1 passed');
  const ana = page.getByTestId('grader-row-ana.k');
  await expect(ana).toContainText('✓ yes');
  await expect(ana.locator('td.step[data-passed="true"]')).toHaveCount(3);
  await expect(ana).toContainText('Churn against exposure.');
  await expect(page.getByTestId('grader-row-line-2')).toContainText('not a result URL');
  await expect(page.getByTestId('grader-row-ben')).toContainText('this result is for the lesson "two-servers-no-failover"');
  await expect(page.getByRole('columnheader', { name: 'tune task' })).toBeVisible();

  const download = page.waitForEvent('download');
  await page.getByTestId('grader-csv').click();
  const csv = readFileSync(await (await download).path(), 'utf8').split('\r\n');
  expect(csv[0]).toBe('student,variant,predict,tune,transfer,points,max points,passed,digest,problems,text: wrap');
  expect(csv[1]).toMatch(/^ana\.k,\d,passed,passed,passed,4,4,yes,[0-9a-f]+,,Churn against exposure\.$/);
  expect(csv).toHaveLength(5);
  expect(errors).toEqual([]);
});

test('a lesson file that does not load is named, and Grade stays off', async ({ page }) => {
  await page.goto('/grade.html');
  await expect(page.getByTestId('grader-lesson-status')).toContainText('No lesson loaded yet');
  await page.getByTestId('grader-lesson').setInputFiles({ name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from('{"lesson": "1"}') });
  await expect(page.getByTestId('grader-lesson-status')).toContainText('✕ broken.json could not be loaded: id: required');
  await page.getByTestId('grader-input').fill(solvedUrl('ana.k'));
  await expect(page.getByTestId('grader-run')).toBeDisabled();

  // An LMS export: the URLs sit in any column, among other words; rows without one are skipped.
  const csv = ['Name,Answer', `Ana,"Here: ${solvedUrl('ana.k')}"`, 'Ben,forgot', `Chloe,${solvedUrl('chloe')}`].join('\n');
  await page.getByLabel('or a CSV from your LMS').setInputFiles({ name: 'quiz.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await expect(page.getByTestId('grader-status')).toHaveText('quiz.csv: 2 result URLs found. Press Grade.');
});
