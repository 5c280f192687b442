/**
 * A class's worth of result URLs for one built-in lesson, to time grading (`npm run lesson -- grade`) the way a
 * teacher would run it: each student gets their own variant and answers with the lesson's solution, played by the
 * same walker `lesson check` uses, so every result is one a learner's console could have produced.
 *
 *   npx tsx scripts/class-results.ts <lesson id> <students> > results.txt
 */
import { getBuiltInLessonText } from '../src/lessons/built-in-lessons';
import { lessonHash } from '../src/lessons/lesson-hash';
import { parseLesson } from '../src/lessons/parse-lesson';
import { encodeResult } from '../src/lessons/result-url';
import { applyVariant, variantFor } from '../src/lessons/variants';
import { walkLesson } from '../src/lessons/walk-lesson';

const [id = 'grace-period-blip', countText = '30'] = process.argv.slice(2);
const text = getBuiltInLessonText(id);
if (text === null) throw new Error(`no built-in lesson ${id}`);
const parsed = parseLesson(text);
if (!parsed.ok) throw new Error(parsed.problems.join('\n'));
const hash = lessonHash(text);
// One walk per variant: students of the same variant hand in the same run.
const walks = new Map<number, ReturnType<typeof walkLesson>>();
for (let i = 0; i < Number(countText); i++) {
  const student = `student-${i + 1}`;
  const variant = variantFor(parsed.lesson, hash, student);
  if (!walks.has(variant)) walks.set(variant, walkLesson(applyVariant(parsed.lesson, variant), 'solution'));
  const walk = walks.get(variant)!;
  console.log(`https://lab.example/?${encodeResult({ lessonRef: id, lessonJson: null, lessonHash: hash, student, variant, ...walk.result })}`);
}
