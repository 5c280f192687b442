import { describe, expect, it } from 'vitest';
import { consoleLinkOf, consoleSearchOf } from './embed-links';

describe('embed links', () => {
  it("the console reads its own parameters only: the embed's options and theme=auto stay out", () => {
    expect(consoleSearchOf('?scenario=rehome-worked-example&t=18000&panels=cluster,metrics&controls=playback&until=healthy&theme=auto&poster=1&label=x&origin=https%3A%2F%2Fa.b&instance=i&range=1-2&loop=1&autoplay=1&interactive=0')).toBe(
      '?scenario=rehome-worked-example&t=18000',
    );
    expect(consoleSearchOf('?theme=dark&c=5000%400%40node.crash%3An3&e=12')).toBe('?theme=dark&c=5000%400%40node.crash%3An3&e=12');
    expect(consoleSearchOf('?panels=cluster')).toBe('');
  });

  it('the full console is one folder up from /embed/, at the same moment', () => {
    expect(consoleLinkOf('scenario=a&e=3&t=4', 'https://lab.example/embed/?scenario=a&panels=cluster')).toBe('https://lab.example/?scenario=a&e=3&t=4');
    expect(consoleLinkOf('', 'https://lab.example/docs/lab/embed/index.html?x=1')).toBe('https://lab.example/docs/lab/');
  });
});
