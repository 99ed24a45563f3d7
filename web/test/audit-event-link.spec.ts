import { eventSearchLink } from '../src/audit/event-link';

describe('the chain’s link to its first bad event', () => {
  it('searches for that event by its own id, not as a resource', () => {
    const link = new URL(eventSearchLink('0b6f1d2e-3c4a-4e5f-8a9b-1c2d3e4f5a6b'), 'http://samvirke.test');
    expect(link.pathname).toBe('/audit');
    expect([...link.searchParams]).toEqual([['eventId', '0b6f1d2e-3c4a-4e5f-8a9b-1c2d3e4f5a6b']]);
  });
});
