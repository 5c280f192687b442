/**
 * The lesson gallery: every built-in lesson is a JSON file in ./built-in, in the same format a teacher writes
 * (teaching-embed.md §2). They are imported statically here, and this module reaches the page only through the
 * lazily loaded lesson player (contract decision 1), so the start-up bundle does not carry them.
 *
 * A built-in's text is its value printed as two-space JSON with a final newline — exactly the file on disk
 * (built-in-lessons.test.ts holds the files to that), so the lesson hash a learner's result carries is the hash of
 * the file a teacher downloads.
 */
import type { LessonSource } from './lesson-types';
import emergencyRepairCost from './built-in/emergency-repair-cost.json';
import failoverManagerPath from './built-in/failover-manager-path.json';
import gracePeriodBlip from './built-in/grace-period-blip.json';
import hintedHandoffWindow from './built-in/hinted-handoff-window.json';
import idempotentReplay from './built-in/idempotent-replay.json';
import incrementalRepairTrap from './built-in/incremental-repair-trap.json';
import merkleRepair from './built-in/merkle-repair.json';
import metadataJournal from './built-in/metadata-journal.json';
import nonTransitive4357 from './built-in/non-transitive-4357.json';
import nonVotingFarDc from './built-in/non-voting-far-dc.json';
import poorTargetChoice from './built-in/poor-target-choice.json';
import readRepairVsAntiEntropy from './built-in/read-repair-vs-anti-entropy.json';
import rehomeWorkedExample from './built-in/rehome-worked-example.json';
import restartOrder from './built-in/restart-order.json';
import snapshotVsReplay from './built-in/snapshot-vs-replay.json';
import syncVsAsyncRepair from './built-in/sync-vs-async-repair.json';
import threeServersMajority from './built-in/three-servers-majority.json';
import twoServersNoFailover from './built-in/two-servers-no-failover.json';

/** Gallery order: by source document, then from the first idea to the later ones. */
const BUILT_IN_LESSONS: readonly unknown[] = [
  failoverManagerPath,
  rehomeWorkedExample,
  gracePeriodBlip,
  poorTargetChoice,
  readRepairVsAntiEntropy,
  snapshotVsReplay,
  idempotentReplay,
  restartOrder,
  merkleRepair,
  syncVsAsyncRepair,
  hintedHandoffWindow,
  incrementalRepairTrap,
  metadataJournal,
  threeServersMajority,
  twoServersNoFailover,
  nonTransitive4357,
  emergencyRepairCost,
  nonVotingFarDc,
];

interface GalleryFields {
  id: string;
  title: string;
  source: LessonSource;
  minutes: number;
}

export interface BuiltInLessonSummary {
  id: string;
  title: string;
  source: LessonSource;
  minutes: number;
}

const byId = new Map<string, unknown>(BUILT_IN_LESSONS.map((lesson) => [(lesson as GalleryFields).id, lesson]));

/** Every built-in lesson's id, in gallery order. */
export function builtInLessonIds(): string[] {
  return [...byId.keys()];
}

/** The text of a built-in lesson file, or null for an unknown id. */
export function getBuiltInLessonText(id: string): string | null {
  const lesson = byId.get(id);
  return lesson === undefined ? null : lessonFileText(lesson);
}

/** The gallery: id, title, source document and minutes of each built-in, in order (`npm run lesson -- list`). */
export function listBuiltInLessons(): BuiltInLessonSummary[] {
  return BUILT_IN_LESSONS.map((lesson) => {
    const { id, title, source, minutes } = lesson as GalleryFields;
    return { id, title, source, minutes };
  });
}

/** How a lesson file is printed: two-space JSON and a final newline (the built-in files are kept in this form). */
export function lessonFileText(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}
