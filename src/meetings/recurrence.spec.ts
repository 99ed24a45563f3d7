import { DateTime } from 'luxon';
import { occurrences, parseMonthlyRule } from './recurrence';

describe('parseMonthlyRule', () => {
  it.each([
    ['first Tuesday 14:00', { ordinal: 'first', weekday: 2, hour: 14, minute: 0 }],
    ['  Last SUNDAY 2:30 ', { ordinal: 'last', weekday: 7, hour: 2, minute: 30 }],
    ['third wednesday 09:15', { ordinal: 'third', weekday: 3, hour: 9, minute: 15 }],
  ])('reads %j', (text, rule) => {
    expect(parseMonthlyRule(text)).toEqual(rule);
  });

  it.each(['fifth Monday 10:00', 'first Tuesday', 'first Tuesday 24:00', 'every day', 'first Tuesday 14:00 please'])(
    'refuses %j',
    (text) => {
      expect(parseMonthlyRule(text)).toBeNull();
    },
  );
});

describe('occurrences across daylight saving (Europe/Oslo)', () => {
  const year = (rule: string) =>
    occurrences(
      parseMonthlyRule(rule)!,
      'Europe/Oslo',
      new Date('2027-01-01T00:00:00Z'),
      new Date('2028-01-01T00:00:00Z'),
    );

  it('gives every month once, always at 14:00 local on the first Tuesday, the UTC hour following the clocks', () => {
    const found = year('first Tuesday 14:00');
    expect(found).toHaveLength(12);
    const local = found.map((o) => DateTime.fromJSDate(o.startsAt, { zone: 'Europe/Oslo' }));
    expect(local.map((t) => t.month)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    for (const time of local) {
      expect([time.weekday, time.hour, time.minute]).toEqual([2, 14, 0]);
      expect(time.day).toBeLessThanOrEqual(7);
    }
    // Winter time is UTC+1, summer time UTC+2 (from the last Sunday of March to the last of October).
    expect(found.map((o) => o.startsAt.getUTCHours())).toEqual([13, 13, 13, 12, 12, 12, 12, 12, 12, 12, 13, 13]);
    expect(found[3]).toEqual({ localDate: '2027-04-06', startsAt: new Date('2027-04-06T12:00:00Z') });
  });

  it('moves a time inside the spring gap forward instead of skipping the month', () => {
    const found = year('last Sunday 02:30');
    expect(found).toHaveLength(12);
    const march = found.find((o) => o.localDate === '2027-03-28')!;
    // 02:30 does not exist on 28 March 2027: clocks jump from 02:00 to 03:00.
    expect(DateTime.fromJSDate(march.startsAt, { zone: 'Europe/Oslo' }).toFormat('HH:mm')).toBe('03:30');
    const october = found.find((o) => o.localDate === '2027-10-31')!;
    expect(DateTime.fromJSDate(october.startsAt, { zone: 'Europe/Oslo' }).toFormat('HH:mm')).toBe('02:30');
  });

  it('finds the last weekday in months of any length', () => {
    const found = year('last Friday 10:00').map((o) => o.localDate);
    expect(found.slice(0, 3)).toEqual(['2027-01-29', '2027-02-26', '2027-03-26']);
  });

  it('keeps only occurrences inside the window', () => {
    const found = occurrences(
      parseMonthlyRule('first Tuesday 14:00')!,
      'Europe/Oslo',
      new Date('2027-01-05T13:00:01Z'),
      new Date('2027-03-02T13:00:00Z'),
    );
    expect(found.map((o) => o.localDate)).toEqual(['2027-02-02']);
  });
});
