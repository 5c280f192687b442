import { useState } from 'react';
import { useConsole, useSession } from '../ui/session-context';

/**
 * One banner for everything wrong with how the embed was asked for: its own bad options and the console's alerts
 * (a bad scenario, a refused command), each named. One Dismiss clears them all; it does not push the layout (the
 * embed has no page to scroll), it lies over the top of it.
 */
export function ProblemsBanner({ items, onDismiss }: { items: readonly string[]; onDismiss: () => void }) {
  if (items.length === 0) return null;
  return (
    <div className="embed-problems" role="alert" data-testid="embed-problems">
      <ul>
        {items.map((item, i) => (
          <li key={i}>{item}</li>
        ))}
      </ul>
      <button type="button" onClick={onDismiss} aria-label={items.length === 1 ? 'Dismiss this problem' : `Dismiss these ${items.length} problems`}>
        Dismiss
      </button>
    </div>
  );
}

/** The banner inside a running console: the embed's option problems, then the console's alerts. */
export function EmbedProblems({ problems }: { problems: readonly string[] }) {
  const session = useSession();
  const alerts = useConsole((s) => s.alerts);
  const [dismissed, setDismissed] = useState(false);
  const items = [...(dismissed ? [] : problems), ...alerts.map((a) => a.message)];
  const dismiss = () => {
    setDismissed(true);
    for (const alert of alerts) void session.dismissAlert(alert.id);
  };
  return <ProblemsBanner items={items} onDismiss={dismiss} />;
}
