/**
 * The control plane's failover path (DESIGN.md §2, seed 000): the
 * failover-manager machine decides the order; the files here carry out its
 * named steps (router-removal: steps 1–2, target-plan: step 3,
 * migration-start and fallback: step 4, fallback: step 5 and the release).
 *
 * This file is the folder's door: modules outside failover/ import from here.
 */
export { onMigrationFinished, sendFailoverEvent } from './manager';
