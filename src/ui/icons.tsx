/**
 * Playback icons as inline SVG: media-control characters (⏸ ⏭) are missing
 * from many system fonts and render as empty boxes.
 */
const common = { width: 14, height: 14, viewBox: '0 0 16 16', 'aria-hidden': true, focusable: false } as const;

export const PlayIcon = () => (
  <svg {...common}>
    <path d="M4 2.5v11l9-5.5z" fill="currentColor" />
  </svg>
);
export const PauseIcon = () => (
  <svg {...common}>
    <rect x="3.5" y="2.5" width="3" height="11" rx="0.8" fill="currentColor" />
    <rect x="9.5" y="2.5" width="3" height="11" rx="0.8" fill="currentColor" />
  </svg>
);
export const StepIcon = () => (
  <svg {...common}>
    <path d="M3 3v10l7-5z" fill="currentColor" />
    <rect x="11" y="3" width="2" height="10" rx="0.6" fill="currentColor" />
  </svg>
);
export const StepBackIcon = () => (
  <svg {...common}>
    <path d="M13 3v10L6 8z" fill="currentColor" />
    <rect x="3" y="3" width="2" height="10" rx="0.6" fill="currentColor" />
  </svg>
);
export const NextIcon = () => (
  <svg {...common}>
    <path d="M1.5 3v10l6-5zM8 3v10l6-5z" fill="currentColor" />
  </svg>
);
