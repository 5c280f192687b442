import { useRef, type ChangeEvent } from 'react';
import { useConsole, useSession } from './session-context';
import { ScenarioGuide } from './scenario-guide';
import { ThemeToggle } from './theme-toggle';
import { RecorderEntry, RECORDER_SLOT_ID } from './lesson-recorder/recorder-entry';
import { useScenarioProse } from './use-scenario-prose';
import { ShareEntry } from './share/share-entry';
import './header.css';

/** Title, what this scenario teaches, and the run's inputs: scenario, seed, a file of one's own; plus sharing. */
export function Header() {
  const session = useSession();
  const scenario = useConsole((s) => s.scenario);
  const seed = useConsole((s) => s.seed);
  const fileInput = useRef<HTMLInputElement>(null);
  // From the worker, which holds the scenarios: the page's start-up code never loads their data.
  const builtIns = session.builtInTitles;
  const prose = useScenarioProse({ id: scenario.id, ...scenario.prose });
  const isBuiltIn = builtIns.some((b) => b.id === scenario.id);

  const pickScenario = (event: ChangeEvent<HTMLSelectElement>) => {
    // Validated and loaded in the engine's worker: the page never loads the scenario validator.
    void session.loadScenario(event.target.value);
  };
  const changeSeed = (event: ChangeEvent<HTMLInputElement>) => {
    const value = Number(event.target.value);
    if (Number.isInteger(value) && value >= 0 && value <= 0xffffffff) void session.reseed(value);
  };
  const loadFile = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (!file) return;
    // Parsed in the worker; a file that does not parse changes nothing and says why in an alert.
    await session.loadFile(file.name, await file.text());
  };
  return (
    <header className="app-header">
      <div className="brand">
        <h1>Failover Lab</h1>
      </div>
      <div className="run-inputs">
        <label>
          <span>Scenario</span>
          {/* aria-label: the wrapping label's text also holds every option, so `getByLabel('Scenario', {exact: true})` needs it. */}
          <select value={isBuiltIn ? scenario.id : ''} onChange={pickScenario} data-testid="scenario-select" aria-label="Scenario">
            {!isBuiltIn && <option value="">{scenario.id} (from file)</option>}
            {builtIns.map((b) => (
              <option key={b.id} value={b.id}>
                {b.title}
              </option>
            ))}
          </select>
        </label>
        <label>
          <span>Seed</span>
          <input type="number" min={0} step={1} value={seed} onChange={changeSeed} className="seed-input" data-testid="seed-input" />
        </label>
        <button type="button" onClick={() => fileInput.current?.click()}>
          Load file…
        </button>
        <input ref={fileInput} type="file" accept=".json,application/json" hidden onChange={loadFile} aria-label="Load file" />
        <ShareEntry />
        <RecorderEntry />
        <ThemeToggle />
      </div>
      <ScenarioGuide key={scenario.id} description={prose.description} watch={prose.watch} pending={prose.pending} />
      {/* The lesson recorder's row (loaded on demand): `display: contents` so an empty slot takes no room. */}
      <div id={RECORDER_SLOT_ID} style={{ display: 'contents' }} />
    </header>
  );
}
