import type { AccessSql } from './access-sql';

/**
 * Each share rule is written once, and its vocabulary is bound, never typed into the SQL: change a
 * list in its vocabulary file and every access query follows.
 */

const NOW = new Date('2026-03-01T12:00:00.000Z');
const CASE_WORKER = { id: 'u1', agencyId: 'a1', roles: ['case_worker' as const], districtIds: [] };
const COORDINATOR = { id: 'u2', agencyId: 'a2', roles: ['coordinator' as const], districtIds: ['d1'] };

/** Every access query the share rules write, from the modules as loaded now. */
function accessQueries(): Record<string, AccessSql> {
  /* eslint-disable @typescript-eslint/no-require-imports */
  const { defineAbilityFor } = require('./ability') as typeof import('./ability');
  const { accessSql } = require('./access-sql') as typeof import('./access-sql');
  const shares = require('./shares') as typeof import('./shares');
  const { referralIsOverdue } = require('../referrals/referral-rules') as typeof import('../referrals/referral-rules');
  const agenda = require('../meetings/agenda.repository') as typeof import('../meetings/agenda.repository');
  /* eslint-enable @typescript-eslint/no-require-imports */
  const caseWorker = defineAbilityFor(CASE_WORKER);
  const coordinator = defineAbilityFor(COORDINATOR);
  const concernColumns = {
    id: 'id',
    reporterId: 'reporter_id',
    owningAgencyId: 'owning_agency_id',
    districtId: 'district_id',
    classification: 'classification',
  };
  return {
    'a referral a case worker reads (shareActive)': accessSql(caseWorker, 'read', 'Referral', {
      alias: 'referral',
      columns: { toAgencyId: 'to_agency_id', ...shares.referralShareFields('referral', NOW) },
    }),
    'a concern a case worker reads (sharedWith)': accessSql(caseWorker, 'read', 'Concern', {
      alias: 'concern',
      columns: { ...concernColumns, ...shares.concernShareFields('concern', NOW) },
    }),
    'a concern a coordinator reads (vitalInterest)': accessSql(coordinator, 'read', 'Concern', {
      alias: 'concern',
      columns: { ...concernColumns, ...shares.concernShareFields('concern', NOW) },
    }),
    'a consent a case worker reads (referredTo)': accessSql(caseWorker, 'read', 'Consent', {
      alias: 'consent',
      columns: { districtId: 'district_id', ...shares.consentFields('consent') },
    }),
    'the shares of loaded concerns': shares.concernSharesQuery(['c1'], NOW),
    'the subjects an agency covers': shares.agencyCoversSubjectSql('subject', 'a1', NOW),
    'a referral overdue on the board (referralIsOverdue)': bound((param) =>
      referralIsOverdue.sql('referral', '2026-03-01', param),
    ),
    "the referrals due on a forum's agenda": positional(
      agenda.candidatesQuery({
        districtId: 'd1',
        startsAt: NOW,
        since: null,
        reviewsBefore: '2026-03-03',
        now: NOW,
      }),
    ),
  };
}

/** SQL written with a binder of its own, as an access query. */
function bound(write: (param: import('./shares').Bind) => string): AccessSql {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { param, params } = (require('./shares') as typeof import('./shares')).binder('spec');
  return { sql: write(param), params };
}

/** A query with numbered placeholders, as an access query ($1 its first value). */
function positional(query: { sql: string; values: unknown[] }): AccessSql {
  return { sql: query.sql, params: Object.fromEntries(query.values.map((value, index) => [`$${index + 1}`, value])) };
}

/** The lists bound as parameters of a query. */
function boundLists(query: AccessSql): unknown[][] {
  return Object.values(query.params).filter((value): value is unknown[] => Array.isArray(value));
}

describe('the share rules', () => {
  afterEach(() => jest.resetModules());

  it('type no word of the vocabulary into their SQL', () => {
    const literals =
      /'(pending|accepted|in_progress|declined|closed|consent|statutory_duty|vital_interest|immediate_danger|police|open|refer|new_concerns|referrals_due|overdue_follow_ups)'/;
    for (const [name, query] of Object.entries(accessQueries())) {
      expect({ name, literal: literals.exec(query.sql)?.[0] ?? null }).toEqual({ name, literal: null });
    }
  });

  it('follow OPEN_REFERRAL_STATUSES wherever a referral must be open', () => {
    const open = ['pending', 'on_hold'];
    jest.isolateModules(() => {
      jest.doMock('../referrals/referral-vocabulary', () => ({
        ...jest.requireActual<object>('../referrals/referral-vocabulary'),
        OPEN_REFERRAL_STATUSES: open,
      }));
      const queries = accessQueries();
      for (const name of [
        'a referral a case worker reads (shareActive)',
        'a concern a case worker reads (sharedWith)',
        'a consent a case worker reads (referredTo)',
        'the shares of loaded concerns',
        'the subjects an agency covers',
        'a referral overdue on the board (referralIsOverdue)',
        "the referrals due on a forum's agenda",
      ]) {
        expect({ name, open: boundLists(queries[name]).some((list) => list === open) }).toEqual({ name, open: true });
      }
    });
  });

  it('follow the agency kinds whose notes vital interest opens, in SQL and in memory alike', () => {
    jest.isolateModules(() => {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const shares = require('./shares') as typeof import('./shares');
      const query = accessQueries()['a concern a coordinator reads (vitalInterest)'];
      expect(boundLists(query)).toContainEqual(shares.VITAL_INTEREST_OWNER_KINDS);
      const concern = (kind: 'police' | 'health') => ({
        referredOnVitalInterest: true,
        owningAgency: { kind } as never,
        sharedWith: [],
      });
      expect(shares.concernVirtualValues(concern('police')).vitalInterest).toBe(true);
      expect(shares.concernVirtualValues(concern('health')).vitalInterest).toBe(false);
    });
  });

  it('hold a consent in force by one definition, in SQL and in memory alike', () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { consentInForce } = require('./shares') as typeof import('./shares');
    const before = new Date(NOW.getTime() - 1);
    const after = new Date(NOW.getTime() + 1);
    expect(consentInForce.holds({ withdrawnAt: null, validUntil: null }, NOW)).toBe(true);
    expect(consentInForce.holds({ withdrawnAt: null, validUntil: after }, NOW)).toBe(true);
    expect(consentInForce.holds({ withdrawnAt: null, validUntil: NOW }, NOW)).toBe(false);
    expect(consentInForce.holds({ withdrawnAt: before, validUntil: null }, NOW)).toBe(false);
    // Every query that asks whether a consent is in force asks it in these words.
    const inForce = bound((param) => consentInForce.sql('agreed', NOW, param)).sql.replace(/:spec\d+_\d+/g, ':at');
    const written = (sql: string) => sql.replace(/"(basis|agreed)"/g, '"agreed"').replace(/:\w+/g, ':at');
    const queries = accessQueries();
    for (const name of ['a concern a case worker reads (sharedWith)', 'the subjects an agency covers']) {
      expect({ name, inForce: written(queries[name].sql).includes(inForce) }).toEqual({ name, inForce: true });
    }
  });
});
