import type { RepairView, StaleKeyView } from '../../engine/index';

type Version = StaleKeyView['versions'][number]['version'];

/** A replica's version in words: its write number, "older" (before the divergence began) or corrupt. */
function versionText(version: Version): string {
  return version === 'older' ? 'older' : version === 'corrupt' ? '⚠ corrupt' : `#${version}`;
}

/**
 * The stale keys (only keys some replica holds differently exist, design §7.2), newest first: the version each
 * replica holds and the latest. A version behind the latest is marked `≠` and "stale", not by colour alone.
 */
export function StaleKeyTable({ view }: { view: RepairView }) {
  const shown = view.staleKeys.length;
  return (
    <div className="stale-keys-wrap">
      <table className="stale-keys" data-testid="stale-keys">
        <caption>
          Stale keys of {view.shard} · showing {shown.toLocaleString('en-US')} of {view.staleKeysTotal.toLocaleString('en-US')}
        </caption>
        <thead>
          <tr>
            <th scope="col">key</th>
            <th scope="col">leaf</th>
            <th scope="col">hot</th>
            {view.replicas.map((r) => (
              <th scope="col" key={r} className="mono">
                {r}
              </th>
            ))}
            <th scope="col">latest</th>
          </tr>
        </thead>
        <tbody>
          {view.staleKeys.map((k) => (
            <StaleKeyRow key={k.key} row={k} replicas={view.replicas} />
          ))}
          {shown === 0 && (
            <tr>
              <td colSpan={view.replicas.length + 4} className="stale-keys-none">
                Every replica holds every key at its latest version.
              </td>
            </tr>
          )}
        </tbody>
      </table>
    </div>
  );
}

function StaleKeyRow({ row, replicas }: { row: StaleKeyView; replicas: readonly string[] }) {
  const held = new Map(row.versions.map((v) => [v.replica, v.version]));
  return (
    <tr data-testid={`stale-key-${row.key}`}>
      <th scope="row" className="mono">
        {row.key}
      </th>
      <td className="mono">{row.leaf}</td>
      <td>{row.hot ? 'hot' : ''}</td>
      {replicas.map((r) => {
        // A replica the view does not list holds the latest (only differing versions are kept).
        const version = held.get(r) ?? row.latest;
        const stale = version !== row.latest;
        return (
          <td key={r} className={`mono${stale ? ' is-stale' : ''}`}>
            {stale && <span aria-hidden="true">≠ </span>}
            {versionText(version)}
            {stale && <span className="visually-hidden"> stale</span>}
          </td>
        );
      })}
      <td className="mono">#{row.latest}</td>
    </tr>
  );
}
