import { shardPrimaryMachine, type ShardPrimaryEvent, type ShardPrimaryStateValue } from './shard-primary.machine';
import { TimedMachineStepper, type TimedMachineState, type TimedStep } from './timed-stepper';

/** A shard's leadership machine as plain data; null on the row means `leading` (no machine). */
export type ShardPrimaryState = TimedMachineState<ShardPrimaryStateValue>;
export type ShardPrimaryStep = TimedStep<ShardPrimaryStateValue>;

export const LEADING: ShardPrimaryState = { value: 'leading', timeoutMs: 0 };

/** The shard-primary machine, memoised: its guards read only an election's timeout and whether it is the configured primary. */
export class ShardPrimaryStepper extends TimedMachineStepper<ShardPrimaryStateValue, ShardPrimaryEvent> {
  constructor() {
    super(shardPrimaryMachine, (event) => (event.type === 'election.called' ? event.timeoutMs : 'configured' in event ? +event.configured : ''));
  }
}
