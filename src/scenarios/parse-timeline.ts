import {
  checkCommandAgainstCluster,
  checkCommandShape,
  MAX_SIM_HORIZON_MS,
  describeRange,
  inRange,
  describeValue,
  type ClusterNames,
  type NumberRange,
  type TimedCommand,
} from '../engine/index';
import { isRecord, reportUnknownFields, type Problems } from './field-checks';

/**
 * `timeline`: commands the run applies at set times. Each is checked exactly
 * as a live command would be, then the list is sorted by time (stable, so
 * commands at the same ms keep their written order).
 */

const ENTRY_FIELDS = ['atMs', 'command'];
const AT_MS: NumberRange = { min: 0, max: MAX_SIM_HORIZON_MS, unit: 'ms', integer: false };

/** `cluster` is null when the node list is broken: then only command shapes are checked. */
export function parseTimeline(raw: unknown, cluster: ClusterNames | null, problems: Problems): TimedCommand[] | null {
  if (raw === undefined) return [];
  if (!Array.isArray(raw)) {
    problems.push(`timeline: must be a list of {"atMs", "command"}, got ${describeValue(raw)}`);
    return null;
  }
  const before = problems.length;
  const timeline: TimedCommand[] = [];
  raw.forEach((entry, i) => {
    const at = `timeline[${i}]`;
    if (!isRecord(entry)) {
      problems.push(`${at}: must be an object like {"atMs": 5000, "command": {…}}, got ${describeValue(entry)}`);
      return;
    }
    reportUnknownFields(entry, ENTRY_FIELDS, `${at}.`, problems);
    const { atMs } = entry;
    const timeOk = inRange(atMs, AT_MS);
    if (atMs === undefined) problems.push(`${at}.atMs: required — when to apply the command, in ms from the start`);
    else if (!timeOk) problems.push(`${at}.atMs: must be ${describeRange(AT_MS)} (from the start; the longest run is 24 h), got ${describeValue(atMs)}`);
    if (entry.command === undefined) {
      problems.push(`${at}.command: required — e.g. {"type": "node.crash", "node": "n3"}`);
      return;
    }
    const parsed = checkCommandShape(entry.command, `${at}.command`);
    if (!parsed.ok) {
      problems.push(...parsed.problems);
      return;
    }
    const clusterProblem = cluster === null ? null : checkCommandAgainstCluster(parsed.command, cluster);
    if (clusterProblem) problems.push(`${at}.command: ${clusterProblem}`);
    else if (timeOk) timeline.push({ atMs: atMs as number, command: parsed.command });
  });
  return problems.length === before ? sortTimeline(timeline) : null;
}

/** Sorted by atMs; Array.prototype.sort is stable, so ties keep their order. */
export function sortTimeline(timeline: readonly TimedCommand[]): TimedCommand[] {
  return [...timeline].sort((x, y) => x.atMs - y.atMs);
}
