import { expect, type Locator } from '@playwright/test';
import type { LabContext } from '../lab.js';

/** The playback bar: Play/Pause, Step, Step back, Next significant event, speed, scrubber, clock. */
export class PlaybackModel {
  constructor(private readonly lab: LabContext) {}

  private get ids() {
    return this.lab.sel.playback;
  }

  get playButton(): Locator {
    return this.lab.byTestId(this.ids.play);
  }

  get time(): Locator {
    return this.lab.byTestId(this.ids.time);
  }

  get scrubber(): Locator {
    return this.lab.byTestId(this.ids.scrubber);
  }

  get pauseReason(): Locator {
    return this.lab.byTestId(this.ids.pauseReason);
  }

  /** Presses Play unless it is already playing (the button then reads "Pause"). */
  async play(): Promise<void> {
    if (/play/i.test((await this.playButton.textContent()) ?? '')) await this.playButton.click();
    await expect(this.playButton).toContainText('Pause');
  }

  async pause(): Promise<void> {
    if (/pause/i.test((await this.playButton.textContent()) ?? '')) await this.playButton.click();
    await expect(this.playButton).toContainText('Play');
  }

  /** Clicks a control that moves the run and waits until the clock shows another moment. */
  private async move(testId: string): Promise<void> {
    const before = (await this.time.textContent()) ?? '';
    await this.lab.byTestId(testId).click();
    await expect(this.time).not.toHaveText(before);
  }

  step(): Promise<void> {
    return this.move(this.ids.step);
  }

  stepBack(): Promise<void> {
    return this.move(this.ids.back);
  }

  /** Next significant event (skips heartbeats and routine copy progress). */
  next(): Promise<void> {
    return this.move(this.ids.next);
  }
}
