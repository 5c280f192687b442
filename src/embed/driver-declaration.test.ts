// Goal: a test author can import the types of window.failoverLab from one self-contained file.
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const DECLARATION = 'types/failover-lab.d.ts';

describe(`the driver declaration ${DECLARATION}`, () => {
  it('is what the package points a type import at', () => {
    const pkg = JSON.parse(readFileSync(`${ROOT}package.json`, 'utf8')) as {
      types?: string;
      exports?: Record<string, { types?: string } | string>;
    };
    expect(pkg.types).toBe(`./${DECLARATION}`);
    expect(pkg.exports?.['.']).toEqual({ types: `./${DECLARATION}` });
  });

  it('is self-contained (no imports into src) and declares what a spec needs', () => {
    // Whether its types match the real driver is checked by tsc: src/embed/driver-types.check.ts.
    const text = readFileSync(`${ROOT}${DECLARATION}`, 'utf8');
    const source = ts.createSourceFile(DECLARATION, text, ts.ScriptTarget.ES2022, true);
    expect(source.statements.filter((s) => ts.isImportDeclaration(s) || ts.isImportEqualsDeclaration(s))).toEqual([]);
    const exported = source.statements
      .filter((s): s is ts.InterfaceDeclaration | ts.TypeAliasDeclaration => ts.isInterfaceDeclaration(s) || ts.isTypeAliasDeclaration(s))
      .filter((s) => s.modifiers?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword))
      .map((s) => s.name.text);
    expect(exported).toEqual(
      expect.arrayContaining(['FailoverLabDriver', 'Command', 'TraceEntry', 'ClusterState', 'RunResult', 'ScenarioFile']),
    );
    expect(text).toMatch(/declare global \{\s*interface Window \{\s*failoverLab\?: FailoverLabDriver;/);
  });

  it('is the only place that declares window.failoverLab', () => {
    // Two declarations can drift apart; the check file (driver-types.check.ts) compares the real driver against this one.
    const sources = ['src', 'e2e', 'scripts', 'types'].flatMap((dir) =>
      (readdirSync(`${ROOT}${dir}`, { recursive: true }) as string[])
        .filter((f) => /\.tsx?$/.test(f))
        .map((f) => `${dir}/${f}`),
    );
    const declaring = sources.filter((f) => /interface Window \{[^}]*failoverLab\??:/.test(readFileSync(`${ROOT}${f}`, 'utf8')));
    expect(declaring).toEqual([DECLARATION]);
  });
});
