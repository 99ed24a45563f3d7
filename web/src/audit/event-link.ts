/** The event search narrowed to one event by its own id, e.g. the first one the chain cannot vouch for. */
export const eventSearchLink = (eventId: string): string => `/audit?${new URLSearchParams({ eventId }).toString()}`;
