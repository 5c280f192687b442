/** The moment being shared: the console's share query, or why it cannot be a link. */
export interface SharedMoment {
  query: string;
  problem: string | null;
  /** The app's origin + base path, ending in `/`: the embed page is `embed/` under it. */
  appBase: string;
}
