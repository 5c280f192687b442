import { useState } from 'react';
import { formatSimTime } from '../format';
import { copyText } from './copy-text';
import { momentOf } from './embed-snippets';
import type { SharedMoment } from './shared-moment';

/** The console's link to this exact moment (scenario, seed, the learner's actions, the position), and Copy. */
export function LinkTab({ moment }: { moment: SharedMoment | null }) {
  const [status, setStatus] = useState('');
  if (!moment) return <p className="share-note">Preparing the link…</p>;
  if (moment.problem) return <p className="share-problem">{moment.problem}</p>;
  const url = `${moment.appBase}?${moment.query}`;
  const { timeMs, event } = momentOf(moment.query);
  const copy = async () => setStatus((await copyText(url)) ? 'Link copied' : 'Select the link and copy it: the clipboard is not available here');
  return (
    <div className="share-link">
      <label className="share-field">
        <span>Link to this moment</span>
        <input type="text" readOnly value={url} onFocus={(e) => e.target.select()} data-testid="share-link-url" />
      </label>
      <div className="share-actions">
        <button type="button" className="primary" onClick={copy} data-testid="share-link-copy">
          Copy link
        </button>
        <span role="status" className="share-status-text">
          {status}
        </span>
      </div>
      <p className="share-note">
        Opens the console at {formatSimTime(timeMs)} (event {event.toLocaleString('en-US')}) with the same scenario, seed
        and actions. It is also in the address bar now.
      </p>
    </div>
  );
}
