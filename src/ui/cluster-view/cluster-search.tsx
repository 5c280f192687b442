import { useId, useState } from 'react';
import { useSession } from '../session-context';
import { findNode } from './scale/aggregate';

/**
 * Find node: every node stays findable however big the cluster. Typing `n317` or `317` selects the node through
 * the session, as a click on it would; the aggregate map then opens the node's rack and shows it there.
 */
export function ClusterSearch() {
  const session = useSession();
  const [text, setText] = useState('');
  const [message, setMessage] = useState<{ text: string; problem: boolean } | null>(null);
  const id = useId();
  return (
    <form
      className="cv-find"
      role="search"
      onSubmit={(e) => {
        e.preventDefault();
        // Read at the moment of the search, not per frame: a thousand node views are cheap to scan once.
        const nodes = session.store.getState().cluster.nodes;
        const node = findNode(nodes, text);
        if (!node) {
          const problem = text.trim() === '' ? 'Type a node id, e.g. n3' : `No node “${text.trim()}” (n1–n${nodes.length})`;
          setMessage({ text: problem, problem: true });
          return;
        }
        setMessage({ text: `${node.id} · rack ${node.rack}`, problem: false });
        session.select({ kind: 'node', id: node.id });
      }}
    >
      <label htmlFor={id} className="visually-hidden">
        Find node
      </label>
      <input
        id={id}
        type="search"
        value={text}
        placeholder="Find node: n3"
        autoComplete="off"
        spellCheck={false}
        data-testid="cluster-search"
        aria-invalid={message?.problem === true}
        aria-describedby={`${id}-status`}
        onChange={(e) => {
          setText(e.target.value);
          setMessage(null);
        }}
      />
      <button type="submit">Find</button>
      <span id={`${id}-status`} className={message?.problem ? 'cv-find-status cv-find-status--problem' : 'cv-find-status'} aria-live="polite" data-testid="cluster-search-status">
        {message?.text}
      </span>
    </form>
  );
}
