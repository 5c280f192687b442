import { useConsole } from '../session-context';

/** What this node can reach right now, both ways (the partition lesson: reachability need not be transitive). */
export function NodeReach({ id }: { id: string }) {
  const reach = useConsole((s) => s.cluster.reach?.[id]?.join(' ') ?? null);
  const all = useConsole((s) => (s.cluster.reach ? Object.keys(s.cluster.reach).join(' ') : ''));
  if (reach === null) return <p className="inspector-muted">Reaches every other endpoint: no link is cut.</p>;
  const reached = reach === '' ? [] : reach.split(' ');
  const missing = all.split(' ').filter((e) => e !== id && !reached.includes(e));
  return (
    <p className="inspector-reach" data-testid={`reach-${id}`}>
      <strong>{id} reaches</strong> {reached.length === 0 ? 'nothing' : reached.join(', ')}
      {missing.length > 0 && (
        <>
          {' '}
          · <strong>cannot reach</strong> {missing.join(', ')}
        </>
      )}
    </p>
  );
}
