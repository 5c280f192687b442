import { PROFILES, checkShape, describeProblem, describeValue, listProblems, sortProblems, type Scenario } from '../engine/index';
import { clusterNamesOf } from './cluster-names';
import { DEFAULT_FAILOVER, DEFAULT_PARAMS, DEFAULT_SEED, DEFAULT_SHARD_SIZE_BYTES } from './defaults';
import { budgetSpent, isRecord, soundnessOf, type Problems } from './field-checks';
import { parseJsonText } from './parse-json';
import { checkNodes, checkReplicationFactor } from './parse-nodes';
import { checkPlacement } from './parse-placement';
import { checkVoters } from './parse-quorum';
import { checkSettings, copyFailover, overlay } from './parse-settings';
import { checkTimeline, sortTimeline } from './parse-timeline';
import { workloadOf } from './parse-workload';
import type { ScenarioFile } from './scenario-file';
import { ScenarioSchema } from './scenario-schema';

/**
 * Validates a scenario file (DESIGN.md §4) and fills in defaults. The schema
 * (scenario-schema.ts) judges each field; the parse-*.ts checks judge fields
 * against each other. Every problem is collected, each naming its field, in
 * the order of the file, so a learner fixes it in one pass; and nothing is
 * half-loaded: any problem means no scenario. The first MAX_LISTED_PROBLEMS
 * are listed and the rest counted; checking stops after MAX_CHECKED_PROBLEMS,
 * so a file of 100,000 mistakes is refused as fast as one of a few.
 */

export type ScenarioParseResult = { ok: true; scenario: Scenario } | { ok: false; problems: string[] };

export { SCENARIO_FIELDS } from './scenario-schema';

/** Accepts parsed JSON or JSON text. */
export function parseScenario(input: unknown): ScenarioParseResult {
  let raw = input;
  if (typeof input === 'string') {
    const json = parseJsonText(input);
    if (!json.ok) return { ok: false, problems: [json.problem] };
    raw = json.value;
  }
  if (!isRecord(raw)) return { ok: false, problems: [`a scenario must be a JSON object, got ${describeValue(raw)}`] };

  const shape = checkShape(ScenarioSchema, raw);
  let shapeProblems = shape.ok ? [] : shape.problems;
  // With a node list `racks` is refused outright, and with a valid count judged against it (checkNodes).
  if (Array.isArray(raw.nodes) || (typeof raw.nodes === 'number' && soundnessOf(shapeProblems).whole(['nodes']))) {
    shapeProblems = shapeProblems.filter((p) => p.path[0] !== 'racks');
  }
  // Checking stopped at its problem budget: parts were never looked at, so nothing is judged against them.
  if (!shape.ok && shape.stopped) return { ok: false, problems: listProblems(shapeProblems.map((p) => describeProblem(p)), true) };
  const ok = soundnessOf(shapeProblems);
  const file = raw as ScenarioFile;

  const cross: Problems = [];
  const nodes = checkNodes(raw, ok, cross);
  const nodeIds = nodes === null ? null : nodes.map((n) => n.id);
  const shards = ok.whole(['shards']) ? file.shards : null;
  const replicationFactor = checkReplicationFactor(raw, ok, { nodeCount: nodes?.length ?? null, shards }, cross);
  // A profile presets settings; anything the scenario writes itself still wins.
  const preset = ok.whole(['profile']) && file.profile ? PROFILES[file.profile] : null;
  const params = overlay(DEFAULT_PARAMS, preset?.params, ok.typed(['params']) ? file.params : null);
  checkSettings(file, ok, params, nodeIds, cross);
  const placementUsable = checkPlacement(file.placement, ok, { shards, replicationFactor, nodeIds }, cross);
  checkVoters(file.voters, ok, placementUsable ? (file.placement ?? {}) : null, cross);
  const controlPlane = ok.whole(['controlPlane']) ? file.controlPlane : undefined;
  checkTimeline(file.timeline, ok, nodes === null ? null : clusterNamesOf({ nodes, controlPlane }), cross);

  const problems = sortProblems(ScenarioSchema, raw, [...shapeProblems, ...cross]);
  if (!shape.ok || problems.length > 0 || nodes === null || replicationFactor === null) {
    return { ok: false, problems: listProblems(problems.map((p) => describeProblem(p)), budgetSpent(cross)) };
  }
  // From here on the schema's output: fresh objects that share no array with the input.
  const valid = shape.value;
  const id = valid.id ?? 'custom';
  return {
    ok: true,
    scenario: {
      id,
      title: valid.title ?? id,
      ...(valid.description === undefined ? {} : { description: valid.description }),
      ...(valid.watch === undefined ? {} : { watch: valid.watch }),
      seed: valid.seed ?? DEFAULT_SEED,
      nodes: Array.isArray(valid.nodes) ? valid.nodes : nodes,
      shards: valid.shards,
      replicationFactor,
      shardSizeBytes: valid.shardSizeBytes ?? DEFAULT_SHARD_SIZE_BYTES,
      params,
      failover: copyFailover(overlay(DEFAULT_FAILOVER, preset?.failover, valid.failover)),
      placement: valid.placement ?? {},
      voters: valid.voters ?? {},
      profile: valid.profile ?? null,
      workload: workloadOf(valid.workload),
      timeline: sortTimeline(valid.timeline ?? []),
      // Absent stays absent: one member "cp" without a journal, the behaviour every older scenario was written for.
      ...(valid.controlPlane === undefined
        ? {}
        : {
            controlPlane: {
              members: valid.controlPlane.members ?? 1,
              journal: valid.controlPlane.journal ?? false,
              standby: valid.controlPlane.standby ?? 'hot',
            },
          }),
    },
  };
}
