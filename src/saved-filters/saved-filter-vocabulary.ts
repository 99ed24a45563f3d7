/** The lists a filter can be saved for. */
export const SAVED_FILTER_RESOURCES = ['concerns'] as const;
export type SavedFilterResource = (typeof SAVED_FILTER_RESOURCES)[number];

/** How many filters a user may keep, and how many of them pinned (each pinned one is counted on the home page). */
export const MAX_SAVED_FILTERS = 50;
export const MAX_PINNED_FILTERS = 10;
