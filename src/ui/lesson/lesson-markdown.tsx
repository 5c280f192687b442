import { Fragment, type ReactNode } from 'react';

/**
 * The small Markdown subset lesson text uses (lesson-types.ts): paragraphs, `- ` / `1. ` lists, **bold**, *em* and
 * `code`. Built as React elements from the text, never as HTML: a stranger's lesson cannot inject markup or script.
 */
export function LessonMarkdown({ text, className }: { text: string; className?: string }) {
  return <div className={className ?? 'lesson-md'}>{blocks(text)}</div>;
}

function blocks(text: string): ReactNode[] {
  const out: ReactNode[] = [];
  const paragraphs = text.replace(/\r\n?/g, '\n').split(/\n\s*\n/);
  paragraphs.forEach((para, i) => {
    const lines = para.split('\n').filter((l) => l.trim() !== '');
    if (lines.length === 0) return;
    if (lines.every((l) => /^\s*[-*]\s+/.test(l))) {
      out.push(
        <ul key={i}>
          {lines.map((l, j) => (
            <li key={j}>{inline(l.replace(/^\s*[-*]\s+/, ''))}</li>
          ))}
        </ul>,
      );
    } else if (lines.every((l) => /^\s*\d+[.)]\s+/.test(l))) {
      out.push(
        <ol key={i}>
          {lines.map((l, j) => (
            <li key={j}>{inline(l.replace(/^\s*\d+[.)]\s+/, ''))}</li>
          ))}
        </ol>,
      );
    } else out.push(<p key={i}>{inline(lines.join(' '))}</p>);
  });
  return out;
}

/** `code` first (nothing inside it is emphasis), then **bold**, then *em* / _em_. */
export function inline(text: string): ReactNode[] {
  const out: ReactNode[] = [];
  const pattern = /`([^`]+)`|\*\*([^*]+)\*\*|\*([^*\s][^*]*)\*|_([^_\s][^_]*)_/g;
  let last = 0;
  let key = 0;
  for (const match of text.matchAll(pattern)) {
    const at = match.index ?? 0;
    if (at > last) out.push(<Fragment key={key++}>{text.slice(last, at)}</Fragment>);
    if (match[1] !== undefined) out.push(<code key={key++}>{match[1]}</code>);
    else if (match[2] !== undefined) out.push(<strong key={key++}>{inline(match[2])}</strong>);
    else out.push(<em key={key++}>{match[3] ?? match[4]}</em>);
    last = at + match[0].length;
  }
  if (last < text.length) out.push(<Fragment key={key++}>{text.slice(last)}</Fragment>);
  return out;
}
