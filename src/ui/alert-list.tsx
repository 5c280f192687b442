import { useConsole, useSession } from './session-context';

/** Problems the learner must see (a bad URL parameter, a refused command), each named and dismissible. */
export function AlertList() {
  const alerts = useConsole((s) => s.alerts);
  const session = useSession();
  if (alerts.length === 0) return null;
  return (
    <div className="alert-list">
      {alerts.map((a) => (
        <div key={a.id} role="alert" className="alert">
          <span className="alert-text">{a.message}</span>
          <button type="button" onClick={() => session.dismissAlert(a.id)} aria-label={`Dismiss: ${a.message}`}>
            Dismiss
          </button>
        </div>
      ))}
    </div>
  );
}
