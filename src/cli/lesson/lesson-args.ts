import { didYouMean, echoText } from '../../engine/index';

/**
 * `npm run lesson` arguments → what to do, or every problem with the argument it is about (parse-args.ts style).
 * Pure: no files, no process.
 */
export type LessonArgs =
  | { kind: 'help' }
  | { kind: 'list'; json: boolean }
  | { kind: 'check'; target: string; json: boolean }
  | { kind: 'grade'; lesson: string; inputs: string[]; json: boolean; csv: string | null }
  | { kind: 'error'; errors: string[] };

export const LESSON_COMMANDS = ['list', 'check', 'grade'] as const;
const FLAGS: Record<(typeof LESSON_COMMANDS)[number], readonly string[]> = {
  list: ['--json'],
  check: ['--json'],
  grade: ['--json', '--csv'],
};

export function parseLessonArgs(argv: readonly string[]): LessonArgs {
  if (argv.length === 0 || argv.some((a) => a === '--help' || a === '-h' || a === 'help')) return { kind: 'help' };
  const [command, ...rest] = argv;
  if (!(LESSON_COMMANDS as readonly string[]).includes(command)) {
    const hint = command.length <= 40 ? didYouMean(command, LESSON_COMMANDS) : '';
    return { kind: 'error', errors: [`unknown command ${echoText(command)}${hint}; expected one of: ${LESSON_COMMANDS.join(', ')}`] };
  }
  const verb = command as (typeof LESSON_COMMANDS)[number];
  const errors: string[] = [];
  const positional: string[] = [];
  let json = false;
  let csv: string | null = null;
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i];
    if (!arg.startsWith('--')) {
      positional.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = eq < 0 ? arg : arg.slice(0, eq);
    if (!FLAGS[verb].includes(name)) {
      const hint = name.length <= 40 ? didYouMean(name, FLAGS[verb]) : '';
      errors.push(`unknown flag ${echoText(name)} for "${verb}"${hint} (${verb} takes ${FLAGS[verb].join(', ')}; see --help)`);
      continue;
    }
    if (name === '--json') {
      if (eq >= 0) errors.push('--json takes no value');
      json = true;
      continue;
    }
    const value = eq >= 0 ? arg.slice(eq + 1) : rest[++i];
    if (value === undefined || value === '' || (eq < 0 && value.startsWith('--'))) {
      errors.push('--csv needs a file to write, e.g. --csv grades.csv');
      if (value?.startsWith('--')) i--;
      continue;
    }
    if (csv !== null) errors.push('--csv given twice; give it once');
    csv = value;
  }
  if (verb === 'list') {
    if (positional.length) errors.push(`list takes no arguments, got ${positional.map(echoText).join(' ')}`);
    return errors.length ? { kind: 'error', errors } : { kind: 'list', json };
  }
  if (verb === 'check') {
    if (positional.length !== 1) errors.push(`check takes one lesson: a file, a built-in id or "all"${positional.length ? `, got ${positional.length}` : ''}`);
    return errors.length ? { kind: 'error', errors } : { kind: 'check', target: positional[0], json };
  }
  if (positional.length < 2) errors.push('grade takes a lesson (a file or a built-in id) and at least one result: URLs, a .csv or a .txt file');
  return errors.length ? { kind: 'error', errors } : { kind: 'grade', lesson: positional[0], inputs: positional.slice(1), json, csv };
}

export const LESSON_USAGE = `Usage: npm run lesson -- list [--json]
       npm run lesson -- check <lesson.json|id|all> [--json]
       npm run lesson -- grade <lesson.json|id> <result URL…|results.csv|results.txt> [--json] [--csv out.csv]

Lessons a teacher hands out as a link and grades by replaying each learner's run.

Commands:
  list                 the built-in lessons: id, source document, minutes, title
  check <lesson|all>   load the lesson; for every variant play its solution (every task check and
                       assert must pass, and the solution replayed as a result must pass) and an
                       empty answer (every task check must fail): a lesson that cannot fail is named
  grade <lesson> <results…>
                       replay each result URL with this copy of the lesson and recompute every
                       check; results come as URLs, a .txt file (one per line) or a .csv file (any
                       cell holding a result URL, e.g. an LMS quiz export)

Options:
  --json               print JSON: list, one object per lesson checked, or one per result
                       ({student, variant, steps: [{id, passed, …}], points, passed, …})
  --csv <file>         (grade) also write one row per student to this CSV file
  -h, --help           show this help

Exit codes:
  0  done (check: every lesson passed)
  1  check: some lesson failed (each named); or an internal error
  2  bad input (an unknown flag, a lesson or results file that cannot be read)`;
