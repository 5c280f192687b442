import { useId, useState } from 'react';

/**
 * What this scenario is about, under the header: its description on one line
 * (the learner can open the whole text) and, when the scenario has one, its
 * "what to watch" list — the moments to look for, in order — behind a button
 * so the console still fits the screen. Keyed by scenario, so a new scenario
 * starts closed. While a built-in's words are still being fetched (`pending`) it holds their place with an
 * empty line of the same height, so the console below does not jump when they arrive.
 */
export function ScenarioGuide({ description, watch, pending = false }: { description?: string; watch?: readonly string[]; pending?: boolean }) {
  const [descriptionOpen, setDescriptionOpen] = useState(false);
  const [watchOpen, setWatchOpen] = useState(false);
  const id = useId();
  const watchId = `${id}-watch`;
  const hasWatch = watch !== undefined && watch.length > 0;
  if (pending) return <PendingGuide />;
  if (!description && !hasWatch) return null;
  return (
    <div className="scenario-guide">
      <div className={`scenario-description${descriptionOpen ? ' is-open' : ''}`}>
        {description && (
          <>
            <p id="scenario-description-text">{description}</p>
            <button
              type="button"
              className="link-button"
              aria-expanded={descriptionOpen}
              aria-controls="scenario-description-text"
              onClick={() => setDescriptionOpen(!descriptionOpen)}
            >
              {descriptionOpen ? 'less' : 'more'}
            </button>
          </>
        )}
        {hasWatch && (
          <button
            type="button"
            className="watch-toggle"
            aria-expanded={watchOpen}
            aria-controls={watchId}
            data-testid="watch-toggle"
            onClick={() => setWatchOpen(!watchOpen)}
          >
            What to watch <span className="watch-count">({watch.length})</span>
          </button>
        )}
      </div>
      {hasWatch && (
        <ol id={watchId} className="watch-list" aria-label="What to watch" data-testid="watch-list" hidden={!watchOpen}>
          {watch.map((item, i) => (
            <li key={i}>{item}</li>
          ))}
        </ol>
      )}
    </div>
  );
}

/** The guide's place, held while the words load: invisible, silent to screen readers, no test id. */
function PendingGuide() {
  return (
    <div className="scenario-guide" aria-hidden="true">
      <div className="scenario-description is-pending">
        <p>&nbsp;</p>
        <span className="watch-toggle">What to watch</span>
      </div>
    </div>
  );
}
