import { AppAbility } from './ability';
import { AccessSql, accessSql } from './access-sql';
import { concernShareFields } from './shares';

export interface SubjectAccessSql {
  /** Rows whose identity (name, date of birth) the caller may see. */
  identity: AccessSql;
  /** Rows the caller may know exist: identity, or a concern about them the caller may see even as a stub. */
  visible: AccessSql;
}

/**
 * Who may see a subject follows from the concerns about them (DESIGN rules 2–3): the
 * identity where the caller may read one of those concerns in full, or registered the
 * subject; the pseudonym alone where the caller sees only a stub, or coordinates its district.
 */
export function subjectAccessSql(
  ability: AppAbility,
  subjectAlias: string,
  columns: { subject: Record<string, string>; concern: Record<string, string> },
  now: Date,
): SubjectAccessSql {
  const concernTarget = (alias: string) => ({
    alias,
    columns: { ...columns.concern, ...concernShareFields(alias, now) },
  });
  const subjectTarget = { alias: subjectAlias, columns: columns.subject };
  const own = accessSql(ability, 'read', 'Subject', subjectTarget, 'fullName');
  const anySubject = accessSql(ability, 'read', 'Subject', subjectTarget);
  const fullConcern = accessSql(ability, 'read', 'Concern', concernTarget('identity_concern'), 'subject');
  const anyConcern = accessSql(ability, 'read', 'Concern', concernTarget('visible_concern'));
  // Asked of each subject through the concerns about it: a scalar subquery, which PostgreSQL never
  // turns into reading every concern the rules allow (as it may an EXISTS inside an OR).
  const anyAbout = (alias: string, condition: string) =>
    `(SELECT TRUE FROM concerns "${alias}" WHERE "${alias}"."subject_id" = "${subjectAlias}"."id" AND ${condition} LIMIT 1) IS TRUE`;
  const identitySql = `(${own.sql} OR ${anyAbout('identity_concern', fullConcern.sql)})`;
  const params = { ...own.params, ...fullConcern.params };
  return {
    identity: { sql: identitySql, params },
    visible: {
      sql: `(${identitySql} OR ${anySubject.sql} OR ${anyAbout('visible_concern', anyConcern.sql)})`,
      params: { ...params, ...anySubject.params, ...anyConcern.params },
    },
  };
}
