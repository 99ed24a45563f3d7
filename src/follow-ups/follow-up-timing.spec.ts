import { dueTime, FollowUpDue, followUpTimes } from './follow-up-timing';

const at = (iso: string) => new Date(iso);

describe('followUpTimes', () => {
  const cases: {
    name: string;
    due: FollowUpDue;
    remindAt?: string;
    timeZone: string;
    now: string;
    dueAt: string;
    expectedRemindAt: string;
  }[] = [
    {
      name: 'a date in winter is 09:00 in Oslo (UTC+1)',
      due: { date: '2027-01-15' },
      timeZone: 'Europe/Oslo',
      now: '2027-01-01T12:00:00Z',
      dueAt: '2027-01-15T08:00:00.000Z',
      expectedRemindAt: '2027-01-14T08:00:00.000Z',
    },
    {
      name: 'a date in summer is 09:00 in Oslo (UTC+2)',
      due: { date: '2027-06-15' },
      timeZone: 'Europe/Oslo',
      now: '2027-06-01T12:00:00Z',
      dueAt: '2027-06-15T07:00:00.000Z',
      expectedRemindAt: '2027-06-14T07:00:00.000Z',
    },
    {
      name: 'a date is read in the district’s zone, not Oslo’s',
      due: { date: '2027-01-15' },
      timeZone: 'America/New_York',
      now: '2027-01-01T12:00:00Z',
      dueAt: '2027-01-15T14:00:00.000Z',
      expectedRemindAt: '2027-01-14T14:00:00.000Z',
    },
    {
      name: 'the day after clocks go forward (28 March 2027): due and reminded at 09:00 CEST, 24 hours apart',
      due: { date: '2027-03-29' },
      timeZone: 'Europe/Oslo',
      now: '2027-03-01T12:00:00Z',
      dueAt: '2027-03-29T07:00:00.000Z',
      expectedRemindAt: '2027-03-28T07:00:00.000Z',
    },
    {
      name: 'the day clocks go forward: due 09:00 CEST, reminded 09:00 CET on the Saturday, 23 hours before',
      due: { date: '2027-03-28' },
      timeZone: 'Europe/Oslo',
      now: '2027-03-01T12:00:00Z',
      dueAt: '2027-03-28T07:00:00.000Z',
      expectedRemindAt: '2027-03-27T08:00:00.000Z',
    },
    {
      name: 'the day after clocks go back (31 October 2027): due and reminded at 09:00 CET, 24 hours apart',
      due: { date: '2027-11-01' },
      timeZone: 'Europe/Oslo',
      now: '2027-10-01T12:00:00Z',
      dueAt: '2027-11-01T08:00:00.000Z',
      expectedRemindAt: '2027-10-31T08:00:00.000Z',
    },
    {
      name: 'the day clocks go back: due 09:00 CET, reminded 09:00 CEST on the Saturday, 25 hours before',
      due: { date: '2027-10-31' },
      timeZone: 'Europe/Oslo',
      now: '2027-10-01T12:00:00Z',
      dueAt: '2027-10-31T08:00:00.000Z',
      expectedRemindAt: '2027-10-30T07:00:00.000Z',
    },
    {
      name: 'a moment is kept as given; the reminder is the same wall-clock time a day before in the zone, across the change',
      due: { at: at('2027-03-28T14:30:00+02:00') },
      timeZone: 'Europe/Oslo',
      now: '2027-03-01T12:00:00Z',
      dueAt: '2027-03-28T12:30:00.000Z',
      expectedRemindAt: '2027-03-27T13:30:00.000Z',
    },
    {
      name: 'a moment with a reminder asked for keeps both',
      due: { at: at('2027-01-15T09:00:00Z') },
      remindAt: '2027-01-10T09:00:00Z',
      timeZone: 'Europe/Oslo',
      now: '2027-01-01T12:00:00Z',
      dueAt: '2027-01-15T09:00:00.000Z',
      expectedRemindAt: '2027-01-10T09:00:00.000Z',
    },
    {
      name: 'due within a day: the default reminder would be in the past, so it is sent at creation',
      due: { at: at('2027-01-15T09:00:00Z') },
      timeZone: 'Europe/Oslo',
      now: '2027-01-14T20:00:00Z',
      dueAt: '2027-01-15T09:00:00.000Z',
      expectedRemindAt: '2027-01-14T20:00:00.000Z',
    },
    {
      name: 'a review date tomorrow, created in the evening: reminded at once',
      due: { date: '2027-01-15' },
      timeZone: 'Europe/Oslo',
      now: '2027-01-14T17:00:00Z',
      dueAt: '2027-01-15T08:00:00.000Z',
      expectedRemindAt: '2027-01-14T17:00:00.000Z',
    },
    {
      name: 'a reminder asked for in the past is sent at creation, not kept in the past',
      due: { at: at('2027-01-15T09:00:00Z') },
      remindAt: '2027-01-01T00:00:00Z',
      timeZone: 'Europe/Oslo',
      now: '2027-01-10T10:00:00Z',
      dueAt: '2027-01-15T09:00:00.000Z',
      expectedRemindAt: '2027-01-10T10:00:00.000Z',
    },
  ];

  it.each(cases)('$name', ({ due, remindAt, timeZone, now, dueAt, expectedRemindAt }) => {
    const times = followUpTimes({ due, remindAt: remindAt ? at(remindAt) : null, timeZone, now: at(now) });
    expect(times.dueAt.toISOString()).toBe(dueAt);
    expect(times.remindAt.toISOString()).toBe(expectedRemindAt);
    expect(times.remindAt.getTime()).toBeGreaterThanOrEqual(at(now).getTime());
    expect(times.remindAt.getTime()).toBeLessThanOrEqual(times.dueAt.getTime());
  });

  it('never puts the reminder after the due time, even when the due time has gone (the caller refuses those)', () => {
    const times = followUpTimes({
      due: { at: at('2027-01-01T09:00:00Z') },
      timeZone: 'Europe/Oslo',
      now: at('2027-01-02T09:00:00Z'),
    });
    expect(times).toEqual({ dueAt: at('2027-01-01T09:00:00Z'), remindAt: at('2027-01-01T09:00:00Z') });
  });

  it('refuses an unknown zone and a date that is not one', () => {
    expect(() =>
      followUpTimes({ due: { date: '2027-01-15' }, timeZone: 'Oslo', now: at('2027-01-01T00:00:00Z') }),
    ).toThrow(/time zone/);
    expect(() => dueTime({ date: '2027-02-30' }, 'Europe/Oslo')).toThrow(/invalid due date/);
  });
});
