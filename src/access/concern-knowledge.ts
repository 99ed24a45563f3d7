import { AppAbility } from './ability';
import { AccessSql, accessSql } from './access-sql';
import { concernShareFields } from './shares';

let callCount = 0;

/** Where the concern sits in the query: its alias and the column behind each field the access rules name. */
export interface ConcernTarget {
  alias: string;
  columns: Record<string, string>;
}

/**
 * The concerns (rows of `concern.alias`) a reader may know exist, as SQL (DESIGN rule 3). Their own
 * rights count — the district's coordinators (a restricted concern as a stub), the reporter, the
 * owning agency's case workers, a receiving agency's staff — and, because a forum member speaks for
 * their agency (rule 6), so does their agency: a concern it owns, or one an open referral on a basis
 * that still holds shares with it (the same share as everywhere, from `concernShareFields`). Anyone
 * else may not learn that the concern exists. Admins and auditors (rule 8) know of none.
 */
export function concernKnownSql(
  ability: AppAbility,
  reader: { agencyId: string },
  concern: ConcernTarget,
  now: Date,
): AccessSql {
  if (ability.rulesFor('read', 'Concern').some((rule) => rule.inverted && !rule.conditions)) {
    return { sql: '1 = 0', params: {} };
  }
  const shares = concernShareFields(concern.alias, now);
  const own = accessSql(ability, 'read', 'Concern', {
    alias: concern.alias,
    columns: { ...concern.columns, ...shares },
  });
  const prefix = `known${callCount++}`;
  const params: Record<string, unknown> = { ...own.params };
  let count = 0;
  const param = (value: unknown) => {
    const name = `${prefix}_${count++}`;
    params[name] = value;
    return `:${name}`;
  };
  const owningAgency = `"${concern.alias}"."${concern.columns.owningAgencyId}"`;
  const agencyKnows = `${owningAgency} = ${param(reader.agencyId)} OR ${shares.sharedWith(reader.agencyId, param)}`;
  return { sql: `(${own.sql} OR ${agencyKnows})`, params };
}
