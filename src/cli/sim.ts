/**
 * `npm run sim`: headless Failover Lab runs for classrooms, CI and docs.
 * I/O only; the flow lives in run-cli.ts and `--help` documents the flags
 * and exit codes.
 */
import { readFileSync } from 'node:fs';
import { createSimulation } from '../engine/index';
import { runCli } from './run-cli';

process.exitCode = runCli(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(`${text}\n`),
  stderr: (text) => process.stderr.write(`${text}\n`),
  readFile: (path) => readFileSync(path, 'utf8'),
  createSimulation,
});
