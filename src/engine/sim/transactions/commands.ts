import type { Command } from '../../types';
import type { World } from '../world';

type TransactionCommand = Extract<Command, { type: 'txn.run' | 'txn.resolve' }>;

/** Why a txn.* command cannot apply now, or null. (Skeleton: transactions are being built.) */
export function transactionProblem(_w: World, command: TransactionCommand): string | null {
  return `${command.type}: transactions are not available yet`;
}

export function applyTransactionCommand(_w: World, _command: TransactionCommand): void {}
