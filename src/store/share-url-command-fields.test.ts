// Goal: a shared URL's command with a field the command does not know is refused by name, like every other bad input.
import { describe, expect, it } from 'vitest';
import { decodeShareParams } from './share-url';

describe('share URL c= commands', () => {
  it('names a field the command does not know, suggests a near miss, and skips only that command', () => {
    const { state, problems } = decodeShareParams(
      '?scenario=rehome-worked-example&c=1000@5@node.crash:n3,extra=1&c=2000@9@node.crash:n2,nod=n2&c=3000@12@node.crash:n1',
    );
    expect(problems).toEqual([
      'URL parameter c (command 1, "1000@5@node.crash:n3,extra=1"): node.crash: unknown field "extra" (write it as node.crash:<node>[,process|power]); skipped.',
      'URL parameter c (command 2, "2000@9@node.crash:n2,nod=n2"): node.crash: unknown field "nod" (did you mean "node"?) (write it as node.crash:<node>[,process|power]); skipped.',
    ]);
    expect(state.commands).toEqual([{ atMs: 3000, afterEvent: 12, command: { type: 'node.crash', node: 'n1' } }]);
  });
});
