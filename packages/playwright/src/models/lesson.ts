import { expect, type Locator } from '@playwright/test';
import type { Lab } from '../lab.js';

/** A lesson's `solution` as its JSON file holds it: per step id, a prediction (and why) or a task's commands. */
export type LessonSolution = Record<string, { prediction?: string | number; why?: string; commands?: string[] }>;

export interface PlaySolutionOptions {
  /**
   * What the learner does for each task, by step id (the solution's `commands` are CLI forms; a test does them the
   * way a learner would: through the node buttons, or `lab.call('dispatch', …)`). The walk then presses Check and
   * fails unless it passes.
   */
  tasks?: Record<string, (lab: Lab) => Promise<void>>;
  /** Overrides a prediction (e.g. one the solution writes as `{{variable}}` of the learner's variant). */
  predictions?: Record<string, string | number>;
  /** Text for the reflect step(s). Default: a sentence saying it is a solution walk. */
  reflection?: string;
  /** How long a narrate step's play or an observe step's runs may take (ms). Default 60 s. */
  timeout?: number;
}

/** The lesson player (`?lesson=<id>&student=<id>`): the step, Continue, predictions, observations, tasks, the result URL. */
export class LessonModel {
  constructor(private readonly lab: Lab) {}

  private get ids() {
    return this.lab.sel.lesson;
  }

  get player(): Locator {
    return this.lab.byTestId(this.ids.player);
  }

  /** The current step (`data-step` = its id, `data-type` = narrate | predict | observe | assert | explain | task | reflect). */
  get step(): Locator {
    return this.lab.byTestId(this.ids.step);
  }

  /** "Step 3 of 9". */
  get progress(): Locator {
    return this.lab.byTestId(this.ids.progress);
  }

  get continueButton(): Locator {
    return this.lab.byTestId(this.ids.continue);
  }

  get checkResult(): Locator {
    return this.lab.byTestId(this.ids.checkResult);
  }

  /** Waits for the player and its first step (the player is its own chunk; the lesson loads in the worker). */
  async loaded(timeout = 30_000): Promise<void> {
    await expect(this.progress).toHaveText(/^Step \d+ of \d+$/, { timeout });
  }

  async next(): Promise<void> {
    const before = await this.step.getAttribute('data-step');
    await this.continueButton.click();
    await expect(this.step).not.toHaveAttribute('data-step', before ?? '');
  }

  /** Commits a prediction: a choice id (`'b'`) or a number, and optionally why. */
  async predict(prediction: string | number, why?: string): Promise<void> {
    if (typeof prediction === 'number') await this.lab.byTestId(this.ids.number).fill(String(prediction));
    else await this.lab.byTestId(this.ids.choice(prediction)).check();
    if (why !== undefined) await this.lab.byTestId(this.ids.why).fill(why);
    await this.lab.byTestId(this.ids.commit).click();
  }

  /** Presses Check and resolves to the words it shows ("Passed …" / "Not yet …"). */
  async check(): Promise<string> {
    await this.lab.byTestId(this.ids.check).click();
    await expect(this.checkResult).toHaveText(/\S/, { timeout: 30_000 });
    return (await this.checkResult.textContent()) ?? '';
  }

  /** Copy my result: resolves to the result URL the learner hands in. */
  async resultUrl(): Promise<string> {
    await this.lab.byTestId(this.ids.copyResult).click();
    const field = this.lab.byTestId(this.ids.resultUrl);
    await expect(field).toHaveValue(/^https?:\/\//);
    return field.inputValue();
  }

  /**
   * Walks the lesson from its current step to its last the way a learner would, answering with `solution`:
   * plays narrate steps, commits predictions, runs observations, does each task (options.tasks) and passes its
   * Check, fills the reflection. Then `expect(lab).toPassLesson(id)` grades the result.
   */
  async playSolution(solution: LessonSolution, options: PlaySolutionOptions = {}): Promise<void> {
    const timeout = options.timeout ?? 60_000;
    for (let guard = 0; guard < 100; guard++) {
      const id = (await this.step.getAttribute('data-step')) ?? '';
      const type = await this.step.getAttribute('data-type');
      const answer = solution[id] ?? {};
      if (type === 'narrate') {
        // A step that plays to a model event: its own Play button (or the bar's, for advanceWhen) until Continue opens.
        if (await this.continueButton.isDisabled()) {
          const play = this.step.getByRole('button', { name: 'Play', exact: true });
          if (await play.isVisible()) await play.click();
          else await this.lab.byTestId(this.lab.sel.playback.play).click();
        }
      } else if (type === 'predict') {
        const prediction = options.predictions?.[id] ?? answer.prediction;
        if (prediction === undefined) throw new Error(`lesson step "${id}": no prediction in the solution or options.predictions`);
        if (typeof prediction === 'string' && prediction.includes('{{')) {
          throw new Error(`lesson step "${id}": the solution predicts ${prediction}, a variant's value: pass options.predictions.${id}`);
        }
        await this.predict(prediction, answer.why);
      } else if (type === 'observe') {
        await this.step.getByRole('button', { name: 'Run the comparison' }).click();
        await expect(this.lab.byTestId(this.ids.observeTable)).toBeVisible({ timeout });
      } else if (type === 'task') {
        const doTask = options.tasks?.[id];
        if (!doTask) throw new Error(`lesson step "${id}" is a task (solution: ${JSON.stringify(answer.commands ?? [])}): pass options.tasks.${id}`);
        await doTask(this.lab);
        const words = await this.check();
        if (!(await this.passed())) throw new Error(`lesson step "${id}": Check says ${JSON.stringify(words)}`);
      } else if (type === 'reflect') {
        await this.lab.byTestId(this.ids.reflect).fill(options.reflection ?? 'A solution walk by @failover-lab/playwright.');
      }
      if (await this.isLast()) return;
      // A step still waiting says why beside Continue; a play to a model event opens it when the event happens.
      await expect(this.continueButton).toBeEnabled({ timeout });
      await this.next();
    }
    throw new Error('playSolution: more than 100 steps');
  }

  /** The last Check passed, in its words ("Passed …"; a failure reads "Not yet …"). */
  async passed(): Promise<boolean> {
    return /\bPassed\b/.test((await this.checkResult.textContent()) ?? '');
  }

  private async isLast(): Promise<boolean> {
    const m = /Step (\d+) of (\d+)/.exec((await this.progress.textContent()) ?? '');
    return m !== null && m[1] === m[2];
  }
}
