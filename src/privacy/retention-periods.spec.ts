import { CASE_RECORD_RETENTION_VARIABLES, Environment } from '../config/environment';
import { REFERRAL_OUTCOMES } from '../referrals/referral-vocabulary';
import { PERSONAL_DATA_REGISTRY, RETENTION_RULES } from './personal-data-registry';
import { RECORD_KINDS, RETENTION_CLOCKS, retentionPeriods } from './retention-periods';

describe('retentionPeriods', () => {
  const defaults = new Environment();
  const table = retentionPeriods(defaults);

  it('has one entry per kind of record, in the order of the kinds', () => {
    expect(table.map((entry) => entry.kind)).toEqual([...RECORD_KINDS]);
  });

  it.each([
    ['concern_closed_without_referral', 24, 'CONCERN_CLOSED_RETENTION_MONTHS', 'concern_triaged'],
    ['concern_closed_after_referral', 60, 'CONCERN_REFERRED_RETENTION_MONTHS', 'last_referral_ended'],
    ['referral_declined', 60, 'REFERRAL_CLOSED_RETENTION_MONTHS', 'referral_declined'],
    ['referral_closed_completed', 60, 'REFERRAL_CLOSED_RETENTION_MONTHS', 'referral_closed'],
    ['referral_closed_no_engagement', 60, 'REFERRAL_CLOSED_RETENTION_MONTHS', 'referral_closed'],
    ['referral_closed_transferred', 60, 'REFERRAL_CLOSED_RETENTION_MONTHS', 'referral_closed'],
    ['referral_closed_consent_withdrawn', 36, 'REFERRAL_CONSENT_WITHDRAWN_RETENTION_MONTHS', 'referral_closed'],
    ['referral_closed_escalated_to_police', 120, 'REFERRAL_ESCALATED_TO_POLICE_RETENTION_MONTHS', 'referral_closed'],
    ['consent_ended', 36, 'CONSENT_ENDED_RETENTION_MONTHS', 'consent_ended'],
    ['meeting_agenda_and_minutes', 60, 'MEETING_RECORD_RETENTION_MONTHS', 'meeting_started'],
    ['notification', 6, 'NOTIFICATION_RETENTION_MONTHS', 'notification_created'],
    ['follow_up', 36, 'FOLLOW_UP_RETENTION_MONTHS', 'follow_up_closed'],
  ])('keeps %s %i months by default (%s), from %s', (kind, months, variable, clock) => {
    expect(table.find((entry) => entry.kind === kind)).toMatchObject({ months, variable, clock });
  });

  it('takes each period from its variable', () => {
    const config = Object.fromEntries(
      CASE_RECORD_RETENTION_VARIABLES.map((variable, index) => [variable, 100 + index]),
    ) as unknown as Environment;
    for (const entry of retentionPeriods(config)) {
      expect(entry.months).toBe(100 + CASE_RECORD_RETENTION_VARIABLES.indexOf(entry.variable));
    }
  });

  it('uses every variable, and covers every referral outcome', () => {
    expect(new Set(table.map((entry) => entry.variable))).toEqual(new Set(CASE_RECORD_RETENTION_VARIABLES));
    for (const outcome of REFERRAL_OUTCOMES) {
      expect(table.map((entry) => entry.kind)).toContain(`referral_closed_${outcome}`);
    }
  });

  it('names only tables of the registry, rules of its vocabulary and known clocks', () => {
    for (const entry of table) {
      for (const name of entry.tables) expect(Object.keys(PERSONAL_DATA_REGISTRY)).toContain(name);
      for (const rule of entry.rules) expect(RETENTION_RULES).toContain(rule);
      expect(Object.keys(RETENTION_CLOCKS)).toContain(entry.clock);
    }
  });
});
