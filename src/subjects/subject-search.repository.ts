import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AppAbility } from '../access/ability';
import { binder, concernShareFields } from '../access/shares';
import { subjectAccessSql } from '../access/subject-access';
import { Clock } from '../clock/clock';
import { Concern } from '../concerns/concern.entity';
import { entityColumns } from '../database/entity-columns';
import { DummyValue, GenerateSql } from '../database/generate-sql';
import { InvalidInputError } from '../http/domain-errors';
import { Subject } from './subject.entity';

/** What a search asks: a folded name (`nameKey`) and, where given, a date of birth. */
export interface SubjectProbe {
  nameKey: string;
  dateOfBirth?: string;
}

/** How alike names must be, pg_trgm's scores (0–1): a word-level match on its own, or a looser one on the same birth date. */
export const SEARCH_SIMILARITY = { name: 0.5, withDateOfBirth: 0.3 } as const;

/** Where a page of hits ends, in the ranking's order: birth date matched, similarity, pseudonym. */
interface HitPosition {
  d: boolean;
  s: string;
  p: string;
}

const invalidCursor = () =>
  new InvalidInputError('cursor is not one this service issued', [{ field: 'cursor', message: 'invalid cursor' }]);

function decodeHitCursor(cursor: string): HitPosition {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalidCursor();
  }
  const position = parsed as Partial<HitPosition> | null;
  if (
    !position ||
    typeof position.d !== 'boolean' ||
    typeof position.s !== 'string' ||
    !/^\d(\.\d+)?(e-\d+)?$/.test(position.s) ||
    typeof position.p !== 'string' ||
    position.p.length > 12
  ) {
    throw invalidCursor();
  }
  return position as HitPosition;
}

function encodeHitCursor(row: HitRow): string {
  const position: HitPosition = { d: row.date_of_birth_matched, s: row.similarity_key, p: row.pseudonym };
  return Buffer.from(JSON.stringify(position), 'utf8').toString('base64url');
}

/** A subject the search found, how alike its name is, whether its birth date is the one asked, and whether its identity is the caller's to see. */
export interface SubjectHit {
  subject: Subject;
  similarity: number;
  nameMatched: boolean;
  dateOfBirthMatched: boolean;
  identityVisible: boolean;
}

interface HitRow {
  id: string;
  similarity: number;
  /** The similarity exactly as PostgreSQL holds it (a real), for the cursor. */
  similarity_key: string;
  pseudonym: string;
  name_matched: boolean;
  date_of_birth_matched: boolean;
  identity_visible: boolean;
}

/**
 * The subject search (find before register): the names folded as the duplicate check folds them,
 * compared by trigram through the name key's GIN index, or the birth date's index, among only the
 * subjects the caller may know exist.
 */
@Injectable()
export class SubjectSearchRepository {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  /**
   * A page of hits, ranked: both name and birth date first, then the most alike name (then the
   * pseudonym, so the order is total and a cursor can continue it). A
   * subject counts as known to the caller where the subject rules let them know it exists
   * (`subjectAccessSql`), or where their agency owns a concern about it or a share in force
   * shares one with it (the share rules of src/access); its identity only where the subject rules allow.
   */
  @GenerateSql({
    name: 'a name, as a reporter',
    params: [DummyValue.tx, DummyValue.caller.reporter, DummyValue.UUID, { nameKey: 'soren odegard' }, { limit: 20 }],
  })
  @GenerateSql({
    name: 'a name and a birth date, as a coordinator',
    params: [
      DummyValue.tx,
      DummyValue.caller.coordinator,
      DummyValue.UUID,
      { nameKey: 'soren odegard', dateOfBirth: '2010-05-17' },
      {
        limit: 20,
        cursor: Buffer.from(JSON.stringify({ d: true, s: '0.8125', p: 'S-ABC123' })).toString('base64url'),
      },
    ],
  })
  async search(
    tx: EntityManager,
    ability: AppAbility,
    agencyId: string,
    probe: SubjectProbe,
    page: { limit: number; cursor?: string },
  ): Promise<{ hits: SubjectHit[]; nextCursor: string | null }> {
    const position = page.cursor ? decodeHitCursor(page.cursor) : undefined;
    const now = this.clock.now();
    const access = subjectAccessSql(
      ability,
      'subject',
      { subject: entityColumns(this.dataSource, Subject), concern: entityColumns(this.dataSource, Concern) },
      now,
    );
    const { param, params } = binder('search');
    const agency = param(agencyId);
    const agencyKnows = `(SELECT TRUE FROM concerns "known" WHERE "known"."subject_id" = "subject"."id" AND ("known"."owning_agency_id" = ${agency} OR ${concernShareFields('known', now).sharedWith(agencyId, param)}) LIMIT 1) IS TRUE`;
    const key = param(probe.nameKey);
    const similarity = `word_similarity(${key}, "subject"."name_key")`;
    const nameMatch = `${key} <% "subject"."name_key"`;
    const birth = probe.dateOfBirth ? param(probe.dateOfBirth) : undefined;
    const birthMatch = birth
      ? `("subject"."date_of_birth" = ${birth}::date AND similarity("subject"."name_key", ${key}) >= ${param(SEARCH_SIMILARITY.withDateOfBirth)})`
      : 'FALSE';
    const candidates = `SELECT "subject"."id" FROM subjects "subject" WHERE ${nameMatch}${birth ? ` UNION SELECT "subject"."id" FROM subjects "subject" WHERE ${birthMatch}` : ''}`;
    const after = position
      ? `WHERE ("hit"."date_of_birth_matched" < ${param(position.d)}
            OR ("hit"."date_of_birth_matched" = ${param(position.d)}
                AND ("hit"."similarity" < ${param(position.s)}::real
                     OR ("hit"."similarity" = ${param(position.s)}::real AND "hit"."pseudonym" > ${param(position.p)}))))`
      : '';
    const sql = `SELECT "hit".* FROM (
                 SELECT "subject"."id", "subject"."pseudonym", ${similarity} AS similarity, ${similarity}::text AS similarity_key,
                        ${similarity} >= ${param(SEARCH_SIMILARITY.name)} AS name_matched,
                        ${birth ? `"subject"."date_of_birth" = ${birth}::date` : 'FALSE'} AS date_of_birth_matched,
                        ${access.identity.sql} AS identity_visible
                   FROM subjects "subject"
                  WHERE "subject"."id" IN (${candidates})
                    AND (${access.visible.sql} OR ${agencyKnows})) "hit"
               ${after}
               ORDER BY "hit"."date_of_birth_matched" DESC, "hit"."similarity" DESC, "hit"."pseudonym"
                  LIMIT ${param(page.limit + 1)}`;
    const all = { ...access.visible.params, ...access.identity.params, ...params };
    const [query, values] = this.dataSource.driver.escapeQueryWithParameters(sql, all, {});
    // The name test through the GIN index: pg_trgm's word-similarity threshold, for this transaction only.
    await tx.query(`SELECT set_config('pg_trgm.word_similarity_threshold', $1, true)`, [
      String(SEARCH_SIMILARITY.name),
    ]);
    const found: HitRow[] = await tx.query(query, values);
    const rows = found.slice(0, page.limit);
    const nextCursor = found.length > page.limit ? encodeHitCursor(rows[rows.length - 1]) : null;
    if (rows.length === 0) return { hits: [], nextCursor };
    const subjects = await tx
      .getRepository(Subject)
      .createQueryBuilder('subject')
      .where('subject.id IN (:...ids)', { ids: rows.map((row) => row.id) })
      .getMany();
    const byId = new Map(subjects.map((subject) => [subject.id, subject]));
    const hits = rows.map((row) => ({
      subject: byId.get(row.id)!,
      similarity: Math.round(Number(row.similarity) * 100) / 100,
      nameMatched: row.name_matched,
      dateOfBirthMatched: row.date_of_birth_matched,
      identityVisible: row.identity_visible,
    }));
    return { hits, nextCursor };
  }
}
