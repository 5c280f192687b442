// A course's CI: the built-in lesson still teaches what it claims — its solution, played in the browser, is graded passed.
import { expect, test } from '@failover-lab/playwright';

/** The lesson file's `solution` (three-servers-majority.json), as a course author has it beside the lesson. */
const SOLUTION = {
  'predict-one': { prediction: 'b' },
  'predict-two': { prediction: 'b' },
  'bring-back': { commands: ['node.restart:n1'] },
};

test('three-servers-majority: the reference solution passes the grader', async ({ lab }) => {
  test.setTimeout(180_000);
  await lab.open({ lesson: 'three-servers-majority', student: 'kit.example' });
  await lab.lesson.loaded();
  await lab.lesson.playSolution(SOLUTION, {
    tasks: {
      // What a learner does: restart n1 from its inspector, then play until it leads its shards again.
      'bring-back': async (lab) => {
        await lab.node('n1').restart();
        await expect(lab).toReach('idle', { maxMs: 300_000 });
      },
    },
  });
  await expect(lab).toPassLesson('three-servers-majority');
});
