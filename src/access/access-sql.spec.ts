import { AbilityBuilder, createMongoAbility } from '@casl/ability';
import { AppAbility } from './ability';
import { accessBranches, accessSql, AccessTarget } from './access-sql';

const target = {
  alias: 'concern',
  columns: {
    reporterId: 'reporter_id',
    districtId: 'district_id',
    classification: 'classification',
    riskLevel: 'risk_level',
  },
};

function abilityOf(define: (builder: AbilityBuilder<AppAbility>) => void): AppAbility {
  const builder = new AbilityBuilder<AppAbility>(createMongoAbility);
  define(builder);
  return builder.build();
}

/** Replaces the generated parameter names by their values, so the expectations read as SQL. */
function render(ability: AppAbility, field?: string): string {
  const { sql, params } = accessSql(ability, 'read', 'Concern', target, field);
  return sql.replace(/:(\.\.\.)?(access\d+_\d+)/g, (_, spread: string | undefined, name: string) =>
    spread ? (params[name] as unknown[]).map((v) => `'${String(v)}'`).join(', ') : `'${String(params[name])}'`,
  );
}

describe('accessSql', () => {
  it.each<[string, (builder: AbilityBuilder<AppAbility>) => void, string]>([
    ['nothing granted', () => undefined, '1 = 0'],
    ['a grant for another subject type', ({ can }) => can('read', 'User'), '1 = 0'],
    ['an unconditional grant', ({ can }) => can('read', 'Concern'), 'TRUE'],
    ['one equality', ({ can }) => can('read', 'Concern', { reporterId: 'u1' }), `("concern"."reporter_id" = 'u1')`],
    [
      'two conditions in one rule',
      ({ can }) => can('read', 'Concern', { districtId: { $in: ['d1', 'd2'] }, classification: 'coordination' }),
      `(("concern"."district_id" IN ('d1', 'd2') AND "concern"."classification" = 'coordination'))`,
    ],
    [
      'two rules, either of which grants',
      ({ can }) => {
        can('read', 'Concern', { reporterId: 'u1' });
        can('read', 'Concern', { districtId: 'd1' });
      },
      `("concern"."district_id" = 'd1' OR "concern"."reporter_id" = 'u1')`,
    ],
    ['an empty $in', ({ can }) => can('read', 'Concern', { districtId: { $in: [] } }), '(FALSE)'],
    ['an empty $nin', ({ can }) => can('read', 'Concern', { districtId: { $nin: [] } }), '(TRUE)'],
    ['a null equality', ({ can }) => can('read', 'Concern', { districtId: null }), `("concern"."district_id" IS NULL)`],
    [
      '$ne',
      ({ can }) => can('read', 'Concern', { riskLevel: { $ne: 'low' } }),
      `("concern"."risk_level" IS DISTINCT FROM 'low')`,
    ],
    [
      'a conditional prohibition',
      ({ can, cannot }) => {
        can('read', 'Concern');
        cannot('read', 'Concern', { classification: 'agency_restricted' });
      },
      `TRUE AND NOT "concern"."classification" = 'agency_restricted'`,
    ],
    [
      'an unconditional prohibition after grants',
      ({ can, cannot }) => {
        can('read', 'Concern', { reporterId: 'u1' });
        cannot('read', 'Concern');
      },
      '1 = 0',
    ],
  ])('%s', (_, define, expected) => {
    expect(render(abilityOf(define))).toBe(expected);
  });

  it('asked for one field, counts only the rules that grant it', () => {
    const ability = abilityOf(({ can }) => {
      can('read', 'Concern', ['narrative', 'category'], { reporterId: 'u1' });
      can('read', 'Concern', ['category'], { districtId: 'd1' });
    });
    expect(render(ability, 'narrative')).toBe(`("concern"."reporter_id" = 'u1')`);
    expect(render(ability)).toBe(`("concern"."district_id" = 'd1' OR "concern"."reporter_id" = 'u1')`);
  });

  it('gives every call its own parameter names, so two can share a query', () => {
    const ability = abilityOf(({ can }) => can('read', 'Concern', { reporterId: 'u1' }));
    const first = accessSql(ability, 'read', 'Concern', target);
    const second = accessSql(ability, 'read', 'Concern', target);
    expect(Object.keys(first.params)).not.toEqual(Object.keys(second.params));
  });

  it.each<[string, (builder: AbilityBuilder<AppAbility>) => void]>([
    ['a field without a column', ({ can }) => can('read', 'Concern', { narrative: 'x' })],
    ['an operator it does not know', ({ can }) => can('read', 'Concern', { reporterId: { $regex: '^u' } })],
  ])('fails closed on %s', (_, define) => {
    expect(() => accessSql(abilityOf(define), 'read', 'Concern', target)).toThrow(/access rule/);
  });
});

/** Each branch as SQL with its values in place, and the table it is read through when not its own. */
function renderBranches(ability: AppAbility, branches?: AccessTarget['branches']): string[] {
  return accessBranches(ability, 'read', 'Concern', { ...target, branches }).map(({ sql, params, via }) => {
    const rendered = sql.replace(/:(\.\.\.)?(branch\d+_\d+)/g, (_, spread: string | undefined, name: string) =>
      spread ? (params[name] as unknown[]).map((v) => `'${String(v)}'`).join(', ') : `'${String(params[name])}'`,
    );
    return via ? `${rendered} via ${via.table}` : rendered;
  });
}

describe('accessBranches: one branch per rule, for lists read rule by rule', () => {
  it.each<[string, (builder: AbilityBuilder<AppAbility>) => void, string[]]>([
    ['nothing granted', () => undefined, []],
    ['an unconditional grant', ({ can }) => can('read', 'Concern'), ['TRUE']],
    [
      'two rules: two branches',
      ({ can }) => {
        can('read', 'Concern', { reporterId: 'u1' });
        can('read', 'Concern', { districtId: 'd1' });
      },
      [`"concern"."district_id" = 'd1'`, `"concern"."reporter_id" = 'u1'`],
    ],
    [
      'an $in on a column: a branch per value, each readable in index order',
      ({ can }) => can('read', 'Concern', { districtId: { $in: ['d1', 'd2'] }, classification: 'coordination' }),
      [
        `("concern"."district_id" = 'd1' AND "concern"."classification" = 'coordination')`,
        `("concern"."district_id" = 'd2' AND "concern"."classification" = 'coordination')`,
      ],
    ],
    ['an empty $in: no branch reads anything', ({ can }) => can('read', 'Concern', { districtId: { $in: [] } }), []],
    [
      'a prohibition joins every branch',
      ({ can, cannot }) => {
        can('read', 'Concern', { reporterId: 'u1' });
        can('read', 'Concern', { districtId: 'd1' });
        cannot('read', 'Concern', { classification: 'agency_restricted' });
      },
      [
        `"concern"."district_id" = 'd1' AND NOT "concern"."classification" = 'agency_restricted'`,
        `"concern"."reporter_id" = 'u1' AND NOT "concern"."classification" = 'agency_restricted'`,
      ],
    ],
  ])('%s', (_name, define, expected) => {
    expect(renderBranches(abilityOf(define))).toEqual(expected);
  });

  it('reads a rule that is one virtual field through the branches it names', () => {
    const ability = abilityOf(({ can }) => can('read', 'Concern', { sharedWith: 'a1' }));
    const branches: AccessTarget['branches'] = {
      sharedWith: (agency, param) => [
        {
          sql: `"share"."to_agency_id" = ${param(agency)}`,
          params: {},
          via: { table: 'referrals', alias: 'share', on: 'TRUE', key: 'concern_created_at', id: 'concern_id' },
        },
        { sql: `"concern"."alerted_agency" = ${param(agency)}`, params: {} },
      ],
    };
    expect(renderBranches(ability, branches)).toEqual([
      `"share"."to_agency_id" = 'a1' via referrals`,
      `"concern"."alerted_agency" = 'a1'`,
    ]);
  });

  it('fails closed on a field with no column, as accessSql does', () => {
    const ability = abilityOf(({ can }) => can('read', 'Concern', { narrative: 'x' }));
    expect(() => renderBranches(ability)).toThrow(/no column/);
  });
});
