import { REFERRAL_OUTCOME_RETENTION, RECORD_KINDS, retentionPeriods } from '../privacy/retention-periods';
import { REFERRAL_OUTCOMES } from '../referrals/referral-vocabulary';
import { isMinorByYear } from '../subjects/pseudonym';
import { refuseIfAnonymised } from '../subjects/subject-rules';
import { addCounts, noRecords, periodsFrom } from './retention-report';
import { monthsOf, subjectIsDueSql } from './retention-sql';

/** Nine distinct periods, so that a variable read in the wrong place shows. */
const CONFIG = {
  CONCERN_CLOSED_RETENTION_MONTHS: 11,
  CONCERN_REFERRED_RETENTION_MONTHS: 12,
  REFERRAL_CLOSED_RETENTION_MONTHS: 13,
  REFERRAL_CONSENT_WITHDRAWN_RETENTION_MONTHS: 14,
  REFERRAL_ESCALATED_TO_POLICE_RETENTION_MONTHS: 15,
  CONSENT_ENDED_RETENTION_MONTHS: 16,
  MEETING_RECORD_RETENTION_MONTHS: 17,
  NOTIFICATION_RETENTION_MONTHS: 18,
  FOLLOW_UP_RETENTION_MONTHS: 19,
};
const NOW = new Date('2030-06-15T12:00:00Z');

/** The due rule with its parameters, and the months bound right after each value (the cutoff that value selects). */
function dueRule() {
  const values: unknown[] = [];
  const sql = subjectIsDueSql(retentionPeriods(CONFIG), NOW, (value) => {
    values.push(value);
    return `$${values.length}`;
  });
  return { sql, values };
}

describe('the retention rule', () => {
  it('reads every period from the one table', () => {
    const periods = periodsFrom((variable) => CONFIG[variable]);
    expect(periods.map((period) => period.kind)).toEqual([...RECORD_KINDS]);
    expect(monthsOf(periods, 'consent_ended')).toBe(16);
    expect(() => monthsOf([], 'follow_up')).toThrow('no retention period for follow_up');
  });

  it.each(REFERRAL_OUTCOMES.map((outcome) => [outcome, CONFIG[REFERRAL_OUTCOME_RETENTION[outcome]]] as const))(
    'keeps a referral closed %s for its own period (%i months)',
    (outcome, months) => {
      const { values } = dueRule();
      const at = values.indexOf(outcome);
      expect(at).toBeGreaterThan(-1);
      // outcome, then now and the months of its cutoff
      expect(values.slice(at + 1, at + 3)).toEqual([NOW, months]);
    },
  );

  it('keeps a declined referral for the declined period, and binds every word rather than typing it', () => {
    const { sql, values } = dueRule();
    const at = values.indexOf('declined');
    expect(values.slice(at + 1, at + 3)).toEqual([NOW, CONFIG.REFERRAL_CLOSED_RETENTION_MONTHS]);
    for (const word of ['declined', 'refer', 'guidance_only', 'open', 'completed'])
      expect(sql).not.toContain(`'${word}'`);
  });

  it('counts an unknown condition (an untriaged concern, an open referral) as not ended', () => {
    const { sql } = dueRule();
    expect(sql.match(/NOT COALESCE\(/g)).toHaveLength(4);
    expect(sql).toContain(`'infinity'`);
  });

  it('adds counts per kind', () => {
    const total = noRecords();
    addCounts(total, { follow_up: 2, consent_ended: 1 });
    addCounts(total, { follow_up: 1, notification: 4 });
    expect(total).toMatchObject({ follow_up: 3, consent_ended: 1, notification: 4, referral_declined: 0 });
  });
});

describe('an anonymised subject', () => {
  it.each([
    [2012, '2029-12-31T23:00:00Z', true],
    [2012, '2030-01-01T00:00:00Z', true],
    [2012, '2031-01-01T00:00:00Z', false],
  ] as const)('born in %i is a minor on %s: %s', (year, on, minor) => {
    expect(isMinorByYear(year, new Date(on))).toBe(minor);
  });

  it('refuses anything new with a 422 naming the field', () => {
    expect(() => refuseIfAnonymised({ anonymisedAt: null })).not.toThrow();
    let thrown: unknown;
    try {
      refuseIfAnonymised({ anonymisedAt: NOW }, 'subjectId');
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toMatchObject({
      status: 422,
      code: 'subject-anonymised',
      errors: [{ field: 'subjectId', message: 'names an anonymised subject' }],
    });
  });
});
