import { describe, expect, it } from 'vitest';
import { decodeShareParams } from './share-url';
import { MAX_URL_ALERTS, urlProblemAlerts } from './url-problems';

describe('a link with many bad entries', () => {
  it('names the first few problems and counts the rest in one line', () => {
    const bad = Array.from({ length: 40 }, (_, i) => `c=${1000 + i}@${i}@node.crash:n${100 + i}`).join('&');
    const { problems } = decodeShareParams(`?scenario=rehome-worked-example&${bad}`);
    expect(problems.length).toBe(40);
    const alerts = urlProblemAlerts(problems);
    expect(alerts).toHaveLength(MAX_URL_ALERTS + 1);
    expect(alerts.slice(0, MAX_URL_ALERTS)).toEqual(problems.slice(0, MAX_URL_ALERTS));
    expect(alerts[MAX_URL_ALERTS]).toBe('…and 35 more problems in the link, each handled like the ones above.');
  });

  it('a few problems are each shown as they are', () => {
    expect(urlProblemAlerts(['a', 'b'])).toEqual(['a', 'b']);
  });
});
