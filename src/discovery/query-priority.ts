/**
 * Where a query waits when it queues behind a provider's limits (`SourceCallOptions.priority`: higher goes
 * first, first come first served among equals). A scan is bound by its longest chain of dependent round trips,
 * so what lengthens that chain goes first.
 */
import { CATALOG, catalogRank } from '../paths/index.js';

/**
 * A branch's window past the first: it exists only because the window before it found activity, so it is the
 * scan's chain of dependent round trips.
 */
export const NEXT_WINDOW_PRIORITY = 1;

/**
 * A branch's first window, in catalog order: each family's standard conventions first, where funds most often
 * are (their chains start soonest), rather than in the order derivations happened to finish.
 */
export const firstWindowPriority = (scheme: string): number => -catalogRank(scheme);

/** Holdings of used addresses: never on a chain of windows, so behind every window. */
export const HOLDINGS_PRIORITY = -(CATALOG.length + 1);
