import { useState } from 'react';
import type { ConsoleClient } from '../../worker/console-client';
import { resultUrlOf } from './lesson-host';
import type { LessonOrigin, LessonProgress } from './lesson-progress';

/**
 * Copy my result: a URL that rebuilds the learner's run, predictions, texts and checks passed (§2.7), for the
 * teacher's grader to replay. Shown in a field too: a browser may refuse the clipboard.
 */
export function ResultBox({
  client,
  origin,
  progress,
  myRun,
  page,
  onCopied,
}: {
  client: ConsoleClient;
  origin: LessonOrigin;
  progress: LessonProgress;
  /** The learner's run's share query while the console shows a comparison run, else null (the console's is theirs). */
  myRun: string | null;
  /** The page the result link opens (an absolute URL: this page, or the full console from an embed). */
  page: string;
  /** Told the link each time the learner copies their result (the embed sends it to its host). */
  onCopied?: (url: string) => void;
}) {
  const [url, setUrl] = useState<string | null>(null);
  const [note, setNote] = useState<string>('');
  const copy = async () => {
    const query = myRun ?? (await client.shareQuery());
    const text = resultUrlOf(origin, progress, query, page);
    setUrl(text);
    onCopied?.(text);
    try {
      await navigator.clipboard.writeText(text);
      setNote('Copied. Paste it where your teacher collects answers.');
    } catch {
      setNote('The browser did not allow copying: select the link below and copy it yourself.');
    }
  };
  return (
    <div className="lesson-result">
      <button type="button" onClick={() => void copy()} data-testid="lesson-copy-result">
        Copy my result
      </button>
      <p className="lesson-muted" role="status">
        {note}
      </p>
      {url !== null && (
        <label className="lesson-result-field">
          Your result link
          <input type="text" readOnly value={url} onFocus={(e) => e.currentTarget.select()} data-testid="lesson-result-url" />
        </label>
      )}
    </div>
  );
}
