/**
 * `npm run lesson`: list, check and grade lessons headless. I/O only; the flow lives in run-lesson-cli.ts and
 * `--help` documents the commands and exit codes.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { runLessonCli } from './run-lesson-cli';

process.exitCode = runLessonCli(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(`${text}\n`),
  stderr: (text) => process.stderr.write(`${text}\n`),
  readFile: (path) => readFileSync(path, 'utf8'),
  writeFile: (path, text) => writeFileSync(path, text, 'utf8'),
});
