import { addDays, atTime, endOfDay, todayIn } from '../src/referrals/dates';

describe('dates the referral screens send, in the district’s time zone', () => {
  it('ends a consent at the last second of its day, with the offset of that day (summer and winter time)', () => {
    expect(endOfDay('2027-06-30', 'Europe/Oslo')).toBe('2027-06-30T23:59:59+02:00');
    expect(endOfDay('2027-01-15', 'Europe/Oslo')).toBe('2027-01-15T23:59:59+01:00');
    expect(endOfDay('2027-01-15', 'America/Sao_Paulo')).toBe('2027-01-15T23:59:59-03:00');
    expect(endOfDay('2027-01-15', 'UTC')).toBe('2027-01-15T23:59:59+00:00');
  });

  it('sends a follow-up’s due time as the wall-clock time typed, on either side of the clocks changing', () => {
    expect(atTime('2027-03-27', '09:00', 'Europe/Helsinki')).toBe('2027-03-27T09:00:00+02:00');
    expect(atTime('2027-03-29', '09:00', 'Europe/Helsinki')).toBe('2027-03-29T09:00:00+03:00');
    expect(new Date(atTime('2027-03-29', '09:00', 'Europe/Helsinki')).toISOString()).toBe('2027-03-29T06:00:00.000Z');
  });

  it('knows today in the district, which is not the browser’s day near midnight', () => {
    const lateInOslo = new Date('2027-01-15T23:30:00Z');
    expect(todayIn('Europe/Oslo', lateInOslo)).toBe('2027-01-16');
    expect(todayIn('America/Sao_Paulo', lateInOslo)).toBe('2027-01-15');
    expect(addDays('2027-02-27', 2)).toBe('2027-03-01');
    expect(addDays('2028-02-27', 2)).toBe('2028-02-29');
  });
});
