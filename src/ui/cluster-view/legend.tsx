import { BELIEF_CLASS, BELIEF_GLYPH, BELIEFS } from './icons';

/** The key to the cluster map: the monitor's four beliefs, truth, copies, cuts, heartbeats. Static. */
export function ClusterLegend() {
  return (
    <ul className="cv-legend" aria-label="Legend">
      {BELIEFS.map((belief) => (
        <li key={belief} className={`cv-belief-${BELIEF_CLASS[belief]}`}>
          <svg width="14" height="14" viewBox="-7 -7 14 14" aria-hidden="true">
            <circle className="cv-icon-bg" r="6.5" />
            <path className="cv-icon-glyph" d={BELIEF_GLYPH[belief]} transform="scale(6.5)" />
          </svg>
          {belief}
        </li>
      ))}
      <li className="cv-legend-extra">
        <svg width="18" height="14" viewBox="0 0 18 14" aria-hidden="true">
          <rect className="cv-legend-down" x="1" y="1.5" width="16" height="11" rx="2.5" />
        </svg>
        process down
      </li>
      <li className="cv-legend-extra">
        <svg width="16" height="14" viewBox="0 0 16 14" aria-hidden="true">
          <circle className="cv-pulse" cx="8" cy="7" r="3" />
        </svg>
        heartbeat
      </li>
      <li>
        <svg width="22" height="14" viewBox="0 0 22 14" aria-hidden="true">
          <path className="cv-copy-progress" d="M1,10Q11,1 17,8" />
          <path className="cv-arrow-copy" d="M15,4L21,11L13,11z" />
        </svg>
        copy
      </li>
      <li>
        <svg width="24" height="14" viewBox="0 0 24 14" aria-hidden="true">
          <line className="cv-link cv-link--cut" x1="0" y1="7" x2="24" y2="7" />
          <circle className="cv-cut-bg" cx="12" cy="7" r="5.5" />
          <path className="cv-cut-x" d="M9.6,4.6L14.4,9.4M14.4,4.6L9.6,9.4" />
        </svg>
        cut link
      </li>
    </ul>
  );
}
