import { useRef, useState, type ChangeEvent } from 'react';
import { parseScenario } from '../scenarios/parse-scenario';
import { getBuiltInScenarioData, listBuiltInTitles } from '../scenarios/built-in-registry';
import { useConsole, useSession } from './session-context';
import { ScenarioGuide } from './scenario-guide';
import { ThemeToggle } from './theme-toggle';
import { useScenarioProse } from './use-scenario-prose';
import './header.css';

/** Title, what this scenario teaches, and the run's inputs: scenario, seed, a file of one's own; plus sharing. */
export function Header() {
  const session = useSession();
  const scenario = useConsole((s) => s.scenario);
  const seed = useConsole((s) => s.seed);
  const [copied, setCopied] = useState<string | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const builtIns = listBuiltInTitles();
  const prose = useScenarioProse(session.scenario);
  const isBuiltIn = builtIns.some((b) => b.id === scenario.id);

  const pickScenario = (event: ChangeEvent<HTMLSelectElement>) => {
    const next = getBuiltInScenarioData(event.target.value);
    if (next) session.load(next, next.seed);
  };
  const changeSeed = (event: ChangeEvent<HTMLInputElement>) => {
    const value = Number(event.target.value);
    if (Number.isInteger(value) && value >= 0 && value <= 0xffffffff) session.load(session.scenario, value);
  };
  const loadFile = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (!file) return;
    const parsed = parseScenario(await file.text());
    // A file that does not parse changes nothing: the learner keeps the run they had.
    if (!parsed.ok) session.alert(`Scenario file ${file.name}: ${parsed.problems.join('; ')}`, 'scenario');
    else session.load(parsed.scenario, parsed.scenario.seed);
  };
  const share = async () => {
    if (session.shareProblem()) {
      setCopied('Too big for a link');
      setTimeout(() => setCopied(null), 2500);
      return;
    }
    const url = `${location.origin}${location.pathname}?${session.shareQuery()}`;
    history.replaceState(null, '', `?${session.shareQuery()}`);
    try {
      await navigator.clipboard.writeText(url);
      setCopied('Link copied');
    } catch {
      setCopied('Link is in the address bar');
    }
    setTimeout(() => setCopied(null), 2500);
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
        <button type="button" className="primary" onClick={share} data-testid="control-share">
          Share this moment
        </button>
        <span className="share-status" role="status">
          {copied}
        </span>
        <ThemeToggle />
      </div>
      <ScenarioGuide key={scenario.id} description={prose.description} watch={prose.watch} pending={prose.pending} />
    </header>
  );
}
