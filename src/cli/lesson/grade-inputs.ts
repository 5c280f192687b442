import { csvRows } from '../../lessons/csv-rows';

/**
 * Where `lesson grade` finds result URLs: arguments that are URLs themselves, `.txt` files (one per line) and
 * `.csv` files (any cell holding a result URL — an LMS quiz export puts the pasted URL in some column). Each result
 * remembers where it came from (`results.csv:4`) so a bad one is named and loses nothing else.
 */
export interface ResultInput {
  source: string;
  text: string;
}

/** A cell or line that looks like a result: it carries a lesson hash parameter. */
const RESULT_HINT = /(?:^|[?&])lh=/;

export function isResultFile(arg: string): boolean {
  return /\.(csv|txt)$/i.test(arg) && !RESULT_HINT.test(arg);
}

export function resultsInFile(path: string, text: string): ResultInput[] {
  const out: ResultInput[] = [];
  if (/\.csv$/i.test(path)) {
    csvRows(text).forEach((cells, row) => {
      for (const cell of cells) if (RESULT_HINT.test(cell.trim())) out.push({ source: `${path}:${row + 1}`, text: cell.trim() });
    });
    return out;
  }
  text.split(/\r?\n/).forEach((line, i) => {
    const trimmed = line.trim();
    if (trimmed !== '' && !trimmed.startsWith('#')) out.push({ source: `${path}:${i + 1}`, text: trimmed });
  });
  return out;
}

export { csvRows };
