import type { Schemas } from '../src/app/api';
import type { MessageKey } from '../src/app/messages/en';
import { explainFlag } from '../src/audit/flag-words';
import type { Words } from '../src/referrals/problem-words';

/** A translation that answers the key and its values, so a test sees which message was chosen for what. */
const t: Words = (key: MessageKey, values?: Record<string, string | number>) =>
  values ? `${key} ${JSON.stringify(values)}` : key;

const names = { user: 'Kari Nordmann', start: '1 Dec 10:00', end: '1 Dec 11:00' };
const flag = (fields: Partial<Schemas['AccessFlagDto']>): Schemas['AccessFlagDto'] => ({
  id: '00000000-0000-4000-8000-000000000001',
  kind: 'repeated_refusals',
  userId: '00000000-0000-4000-8000-000000000002',
  windowStart: '2026-12-01T10:00:00.000Z',
  windowEnd: '2026-12-01T11:00:00.000Z',
  windowMinutes: 60,
  count: 7,
  threshold: 5,
  workingHours: null,
  createdAt: '2026-12-01T11:05:00.000Z',
  ...fields,
});

describe('an unusual-access flag in the auditor’s words', () => {
  it('says the threshold and window in force when it was raised, one sentence per flag', () => {
    expect(explainFlag(flag({}), names, t)).toEqual([
      `audit.flag.repeated_refusals.judged ${JSON.stringify({ ...names, count: 7, threshold: 5, minutes: 60 })}`,
    ]);
    expect(explainFlag(flag({ kind: 'many_subjects', count: 41, threshold: 40 }), names, t)).toEqual([
      `audit.flag.many_subjects.judged ${JSON.stringify({ ...names, count: 41, threshold: 40, minutes: 60 })}`,
    ]);
  });

  it('names the working hours and their zone for out-of-hours access', () => {
    const night = flag({
      kind: 'out_of_hours',
      threshold: null,
      windowMinutes: 1440,
      workingHours: { start: '07:00', end: '18:00', timeZone: 'Europe/Oslo' },
    });
    expect(explainFlag(night, names, t)).toEqual([
      `audit.flag.out_of_hours.judged ${JSON.stringify({ ...names, count: 7, from: '07:00', to: '18:00', zone: 'Europe/Oslo' })}`,
    ]);
  });

  it('says so, rather than guess from today’s settings, where the threshold was not recorded', () => {
    for (const kind of ['repeated_refusals', 'many_subjects', 'out_of_hours'] as const) {
      const sentences = explainFlag(flag({ kind, threshold: null, workingHours: null }), names, t);
      expect(sentences).toEqual([
        `audit.flag.${kind}.explain ${JSON.stringify({ ...names, count: 7 })}`,
        'audit.flags.notRecorded',
      ]);
    }
  });

  it('needs no threshold for access outside the user’s districts: any is flagged', () => {
    expect(explainFlag(flag({ kind: 'outside_districts', threshold: null }), names, t)).toEqual([
      `audit.flag.outside_districts.explain ${JSON.stringify({ ...names, count: 7 })}`,
    ]);
  });
});
