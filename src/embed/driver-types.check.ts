/**
 * Compile-time only: keeps the shipped declaration (types/failover-lab.d.ts)
 * true to the real driver. `tsc` fails here when they drift apart — a method
 * added, removed or renamed on either side, or a data shape (command, trace
 * entry, state, run result) that no longer matches. Nothing runs.
 */
import type * as Declared from '../../types/failover-lab';
import type { ClusterState, Command, ControlPlaneView, RestoreView, RunResult, TraceEntry } from '../engine/index';
import type { ScenarioFile } from '../scenarios/scenario-file';
import type { createDriver, FailoverLabDriver } from './driver-api';
import type { DriverEventMap, DriverEventName } from './driver-events';

/** Assignable both ways. */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
/** Exactly the same type, optional fields and readonly included (TypeScript's own identity check). */
type Identical<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
const holds = <T extends true>(value: T): T => value;

/** The object the console installs on window. */
type RealDriver = ReturnType<typeof createDriver>;

// The real driver can be used wherever the declaration promises one.
holds<[RealDriver] extends [Declared.FailoverLabDriver] ? true : false>(true);
// Neither side has a member the other lacks.
holds<Same<keyof RealDriver, keyof Declared.FailoverLabDriver>>(true);
holds<Same<keyof FailoverLabDriver, keyof Declared.FailoverLabDriver>>(true);

/**
 * The members whose declaration is off, by name (tsc prints them): a method
 * must return exactly what the real one returns and accept only arguments the
 * real one accepts; a property must have exactly the real type.
 */
type Off<Real, Decl> = {
  [K in keyof Real & keyof Decl]: Real[K] extends (...args: infer RealArgs) => infer RealResult
    ? Decl[K] extends (...args: infer DeclArgs) => infer DeclResult
      ? Identical<RealResult, DeclResult> extends true
        ? [DeclArgs] extends [RealArgs]
          ? never
          : K
        : K
      : K
    : Identical<Real[K], Decl[K]> extends true
      ? never
      : K;
}[keyof Real & keyof Decl];
type OffMembers = Off<RealDriver, Declared.FailoverLabDriver>;
holds<[OffMembers] extends [never] ? true : OffMembers>(true);

// The data shapes, exactly: a field added to the engine (even an optional one) must be declared too.
holds<Identical<Command, Declared.Command>>(true);
holds<Identical<TraceEntry, Declared.TraceEntry>>(true);
holds<Identical<RestoreView, Declared.RestoreView>>(true);
holds<Identical<ControlPlaneView, Declared.ControlPlaneView>>(true);
holds<Identical<ClusterState, Declared.ClusterState>>(true);
holds<Identical<RunResult, Declared.RunResult>>(true);
// What `on` hands its callbacks.
holds<Identical<DriverEventName, Declared.DriverEventName>>(true);
holds<Identical<DriverEventMap, Declared.DriverEventMap>>(true);
// Every scenario file the source accepts is one the declaration accepts.
holds<[ScenarioFile] extends [Declared.ScenarioFile] ? true : false>(true);
