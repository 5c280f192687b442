import { transactionMachine, type TransactionEvent, type TransactionStateValue } from './transaction.machine';
import { TimedMachineStepper, type TimedMachineState, type TimedStep } from './timed-stepper';

/** A transaction's machine state as plain data (kept on its row). */
export type TransactionMachineState = TimedMachineState<TransactionStateValue>;
export type TransactionStep = TimedStep<TransactionStateValue>;

/** The transaction machine, memoised: a workload of transactions walks the same few (state, event) pairs. */
export class TransactionStepper extends TimedMachineStepper<TransactionStateValue, TransactionEvent> {
  constructor() {
    super(transactionMachine, () => '');
  }

  initial(): TransactionMachineState {
    return { value: 'open', timeoutMs: 0 };
  }
}
