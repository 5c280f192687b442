/**
 * The layering rules of eslint.config.js, each shown refusing a bad import
 * and letting the good one through, so weakening a rule fails a test.
 */
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: new URL('..', import.meta.url).pathname });

/** The messages ESLint gives for `code` as if it were the file at `filePath`. */
async function problems(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return result.messages.map((m) => `${m.ruleId}: ${m.message}`);
}

describe('eslint.config.js layering', { timeout: 60_000 }, () => {
  it('other layers reach the engine only through src/engine/index.ts', async () => {
    for (const file of ['src/store/x.ts', 'src/scenarios/x.ts', 'src/cli/x.ts', 'src/oracle/x.ts', 'src/fuzz/x.ts']) {
      expect(await problems(file, "import { createSimulation } from '../engine/sim/simulation';\nexport const a = createSimulation;\n")).toEqual([
        expect.stringMatching(/'\.\.\/engine\/sim\/simulation'.*public door/),
      ]);
      expect(await problems(file, "import type { Scenario } from '../engine/types';\nexport type S = Scenario;\n")).toHaveLength(1);
      expect(await problems(file, "import { createSimulation } from '../engine/index';\nexport const a = createSimulation;\n")).toEqual([]);
    }
    expect(await problems('src/ui/inspector/x.tsx', "import { CONTROL_PLANE } from '../../engine';\nexport const c = CONTROL_PLANE;\n")).toEqual([]);
  });

  it('engine modules do not import their own door', async () => {
    expect(await problems('src/engine/sim/x.ts', "import { createSimulation } from '../index';\nexport const a = createSimulation;\n")).toEqual([
      expect.stringMatching(/never a door of their own/),
    ]);
  });

  it("sim/'s subsystem folders are entered through their index.ts (world.ts may take state.ts)", async () => {
    expect(await problems('src/engine/sim/heartbeats.ts', "import { a } from './failover/manager';\nexport const x = a;\n")).toEqual([
      expect.stringMatching(/import the folder's index\.ts/),
    ]);
    expect(await problems('src/engine/model/x.ts', "import { a } from '../sim/quorum/write-quorum';\nexport const x = a;\n")).toHaveLength(1);
    expect(await problems('src/engine/sim/migrator/x.ts', "import { a } from '../quorum/reach';\nexport const x = a;\n")).toHaveLength(1);
    const fine = "import { a } from './quorum';\nimport { b } from './migrator/index';\nimport { c } from './failover/state';\nexport const x = [a, b, c];\n";
    expect(await problems('src/engine/sim/world.ts', fine)).toEqual([]);
    expect(await problems('src/engine/sim/quorum/x.ts', "import { a } from './elections';\nexport const x = a;\n")).toEqual([]);
    expect(await problems('src/engine/sim/quorum/x.ts', "import { a } from './index';\nexport const x = a;\n")).toEqual([
      expect.stringMatching(/never a door of their own/),
    ]);
  });

  it('xstate only inside src/engine/machines/', async () => {
    const code = "import { createMachine } from 'xstate';\nexport const m = createMachine;\n";
    expect(await problems('src/engine/sim/x.ts', code)).toEqual([expect.stringMatching(/xstate is used only inside src\/engine\/machines/)]);
    expect(await problems('src/ui/x.tsx', code)).toEqual([expect.stringMatching(/xstate is used only inside/)]);
    expect(await problems('src/engine/machines/x.ts', code)).toEqual([]);
  });
});
