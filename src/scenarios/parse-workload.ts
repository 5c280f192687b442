import type { WorkloadSpec } from '../engine/index';
import { DEFAULT_WORKLOAD } from './defaults';
import { overlay } from './parse-settings';

/** The file's `workload` over the defaults; `txn` filled in (writesPerTxn 3, no aborts, no two-phase) when given. */
export function workloadOf(file: Partial<Omit<WorkloadSpec, 'txn'>> & { txn?: Partial<NonNullable<WorkloadSpec['txn']>> & { fraction: number } } | undefined): WorkloadSpec {
  const { txn, ...rates } = file ?? {};
  const spec = overlay(DEFAULT_WORKLOAD, rates);
  if (txn === undefined) return spec;
  return {
    ...spec,
    txn: { fraction: txn.fraction, writesPerTxn: txn.writesPerTxn ?? 3, abortFraction: txn.abortFraction ?? 0, twoPhaseFraction: txn.twoPhaseFraction ?? 0 },
  };
}
