// Goal: the poster of an embed with an inline scenario shows the scenario's own title as its author wrote it,
// accents and all, before anything of the engine has loaded.
import { describe, expect, it } from 'vitest';
import { toBase64Url } from '../lessons/base64url';
import { posterFactsOf } from './embed-poster';

const inline = (scenario: unknown) => `?scenarioJson=${toBase64Url(JSON.stringify(scenario))}`;

describe("the poster's title for an inline scenario", () => {
  it('keeps a non-ASCII title intact', () => {
    expect(posterFactsOf(inline({ id: 'mine', title: 'Réplica caída — 東京 rack 🔥' })).title).toBe('Réplica caída — 東京 rack 🔥');
  });

  it('says "A scenario of your own" when the text is not base64url JSON or has no title', () => {
    expect(posterFactsOf('?scenarioJson=%%%').title).toBe('A scenario of your own');
    expect(posterFactsOf(inline({ id: 'mine' })).title).toBe('A scenario of your own');
  });
});
