import { AbilityBuilder, createMongoAbility } from '@casl/ability';
import { AppAbility } from './ability';
import { accessSql } from './access-sql';

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
  return sql.replace(/:(\.\.\.)?(access\d+_\d+)/g, (_, spread, name) =>
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
