import { unseenFlagAt } from './referral-receipt-rules';

const at = (iso: string) => new Date(iso);

describe('when an unseen referral is flagged', () => {
  it('is two working days later at the same time in the district’s zone', () => {
    // Tuesday 10:00 in Oslo (09:00 UTC in winter) → Thursday 10:00.
    expect(unseenFlagAt(at('2027-01-12T09:00:00Z'), 'Europe/Oslo').toISOString()).toBe('2027-01-14T09:00:00.000Z');
  });

  it('skips the weekend: Friday afternoon → Tuesday afternoon', () => {
    expect(unseenFlagAt(at('2027-01-15T14:00:00Z'), 'Europe/Oslo').toISOString()).toBe('2027-01-19T14:00:00.000Z');
  });

  it('counts a referral sent at the weekend from Monday’s start: Saturday → Wednesday 00:00', () => {
    expect(unseenFlagAt(at('2027-01-16T12:00:00Z'), 'Europe/Oslo').toISOString()).toBe('2027-01-19T23:00:00.000Z');
  });

  it('reads the weekday in the district’s zone, not UTC: Friday 23:30 UTC is Saturday in Oslo', () => {
    // Saturday 00:30 in Oslo → Wednesday 00:00 Oslo time.
    expect(unseenFlagAt(at('2027-01-15T23:30:00Z'), 'Europe/Oslo').toISOString()).toBe('2027-01-19T23:00:00.000Z');
    // The same instant is still Friday in São Paulo (20:30) → Tuesday 20:30 there.
    expect(unseenFlagAt(at('2027-01-15T23:30:00Z'), 'America/Sao_Paulo').toISOString()).toBe(
      '2027-01-19T23:30:00.000Z',
    );
  });

  it('keeps the wall-clock time across a daylight-saving change', () => {
    // Friday 27 March 2026 10:00 CET → Tuesday 31 March 10:00 CEST (08:00 UTC).
    expect(unseenFlagAt(at('2026-03-27T09:00:00Z'), 'Europe/Oslo').toISOString()).toBe('2026-03-31T08:00:00.000Z');
  });
});
