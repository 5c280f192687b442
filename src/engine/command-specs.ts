import { COMMAND_DEFINITIONS, COMMAND_TYPES, REPAIR_MODES, isCommandType } from './command-schema';
import type { CommandType } from './types';

/**
 * The command vocabulary as a table for help texts and menus, read off the one
 * definition in command-schema.ts: each command's summary, fields and CLI form.
 */

export interface CommandFieldSpec {
  name: string;
  optional: boolean;
  description: string;
}

export interface CommandSpec {
  type: CommandType;
  /** One line for help texts and menus. */
  summary: string;
  fields: readonly CommandFieldSpec[];
  /** How `parseCliCommand` expects it written. */
  cliSyntax: string;
}

interface Described {
  type: string;
  wrapped?: Described;
  pipe?: readonly { type: string; description?: string }[];
}

function fieldSpec(name: string, schema: Described): CommandFieldSpec {
  const inner = schema.wrapped ?? schema;
  const description = inner.pipe?.find((item) => item.type === 'description')?.description ?? '';
  return { name, optional: schema.type === 'optional', description };
}

function specOf<T extends CommandType>(type: T): CommandSpec & { type: T } {
  const { schema, summary, cliSyntax } = COMMAND_DEFINITIONS[type];
  const entries = Object.entries(schema.entries as Record<string, Described>).filter(([name]) => name !== 'type');
  return { type, summary, cliSyntax, fields: entries.map(([name, field]) => fieldSpec(name, field)) };
}

/** Keyed by type: every command has a spec because every command has a definition. */
export const COMMAND_SPECS = Object.fromEntries(COMMAND_TYPES.map((type) => [type, specOf(type)])) as {
  readonly [T in CommandType]: CommandSpec & { type: T };
};

export { COMMAND_TYPES, REPAIR_MODES, isCommandType };
