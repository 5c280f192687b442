import { csvRows } from '../lessons/csv-rows';

/**
 * Where result URLs come from on the grader page: pasted, one per line, or a CSV an LMS quiz exported, in any
 * column (a cell may hold more words around the URL). Each keeps its line number so a problem can say where.
 */

export interface ResultLine {
  /** 1-based line of the pasted text, or row of the CSV. */
  line: number;
  text: string;
}

export function resultLinesFromText(text: string): ResultLine[] {
  return text
    .split(/\r?\n/)
    .map((line, i) => ({ line: i + 1, text: line.trim() }))
    .filter((entry) => entry.text !== '');
}

/** A word that carries a lesson hash: a result URL or its bare query. */
const RESULT_WORD = /\S*[?&]?lh=\S*/;

/** The first result URL in each CSV row (any column); rows without one (headers, empty answers) are skipped. */
export function resultLinesFromCsv(text: string): ResultLine[] {
  const lines: ResultLine[] = [];
  csvRows(text).forEach((cells, i) => {
    for (const cell of cells) {
      const word = /lesson(?:Json)?=/.test(cell) ? RESULT_WORD.exec(cell)?.[0] : undefined;
      if (word) {
        lines.push({ line: i + 1, text: word });
        return;
      }
    }
  });
  return lines;
}
