/** Leaderless replication (design recovery-repair.md §7.1, §7.5): the write and read paths a coordinator runs. */
export { leaderlessWrite } from './writes';
export { leaderlessRead } from './reads';
export { replicasNeeded, shortfallWords } from './consistency';
export { chooseCoordinator } from './coordinator';
export { drawKey, hotKeyCount, isHotKey } from './keys';
