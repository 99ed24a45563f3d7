import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AppAbility } from '../access/ability';
import { concernKnownSql } from '../access/concern-knowledge';
import { agencyCoversSubjectSql, positionalBinder } from '../access/shares';
import { subjectAccessSql } from '../access/subject-access';
import { Concern } from '../concerns/concern.entity';
import { RiskLevel, TriageOutcome } from '../concerns/concern-vocabulary';
import { entityColumns } from '../database/entity-columns';
import { DummyValue, GenerateSql } from '../database/generate-sql';
import { AccessSql } from '../access/access-sql';
import { followUpIsOverdue } from '../follow-ups/follow-up-rules';
import { referralIsOverdue } from '../referrals/referral-rules';
import { Subject } from '../subjects/subject.entity';
import { AgendaItemFacts, Identity } from './agenda-facts';
import { AgendaSection } from './agenda-layout';
import { AgendaItem } from './entities/agenda-item.entity';

/** Far more than any real trail of action items; a trail this long is not followed further, and hides its item. */
const MAX_TRAIL = 50;

/**
 * Every step from each agenda item of the meeting to the case it is about. An item names its
 * concern, its referral (whose concern it is) or its follow-up (whose referral's concern it is). An
 * action item decided on an earlier agenda item has no referral of its own: its case is that
 * item's, so the trail goes on through the minute that made it, as far as it leads.
 */
const TRAIL_SQL = `WITH RECURSIVE "trail"("item_id", "step_id", "depth") AS (
    SELECT "start"."id", "start"."id", 0 FROM agenda_items "start" WHERE "start"."meeting_id" = :trailMeetingId
  UNION ALL
    SELECT "trail"."item_id", "decided"."agenda_item_id", "trail"."depth" + 1
      FROM "trail"
      JOIN agenda_items "via" ON "via"."id" = "trail"."step_id"
      JOIN follow_ups "task" ON "task"."id" = "via"."follow_up_id"
      JOIN meeting_minutes "decided" ON "decided"."id" = "task"."minute_id"
     WHERE "task"."referral_id" IS NULL AND "decided"."agenda_item_id" IS NOT NULL AND "trail"."depth" < ${MAX_TRAIL}
)`;

const agency = (alias: string) =>
  `json_build_object('id', "${alias}"."id", 'name', "${alias}"."name", 'kind', "${alias}"."kind")`;

/** A follow-up's case is its referral's; a referral's is its concern's. */
const FACTS_SQL = `
SELECT "item"."id" AS item_id,
       "subject"."id" AS subject_id,
       "subject"."pseudonym" AS pseudonym,
       CASE WHEN "concern"."id" IS NULL THEN NULL ELSE json_build_object(
         'id', "concern"."id", 'category', "concern"."category", 'riskLevel', "concern"."risk_level",
         'status', "concern"."status", 'classification', "concern"."classification",
         'createdAt', to_char("concern"."created_at" AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
         'owningAgency', ${agency('owner_agency')}) END AS concern,
       CASE WHEN "referral"."id" IS NULL THEN NULL ELSE json_build_object(
         'id', "referral"."id", 'status', "referral"."status", 'reviewDate', "referral"."review_date",
         'legalBasis', "referral"."legal_basis", 'toAgency', ${agency('to_agency')}) END AS referral,
       CASE WHEN "follow_up"."id" IS NULL THEN NULL ELSE json_build_object(
         'id', "follow_up"."id",
         'dueAt', to_char("follow_up"."due_at" AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
         'state', "follow_up"."state", 'escalationLevel', "follow_up"."escalation_level",
         'owner', json_build_object('id', "owner"."id", 'name', "owner"."name", 'agencyName', "owner_of"."name")) END AS follow_up
  FROM agenda_items "item"
  -- One primary-key look-up per item along the chain (LIMIT keeps the planner from hashing whole tables instead).
  LEFT JOIN LATERAL (SELECT * FROM follow_ups "f" WHERE "f"."id" = "item"."follow_up_id" LIMIT 1) "follow_up" ON TRUE
  LEFT JOIN LATERAL (SELECT * FROM referrals "r"
                      WHERE "r"."id" = COALESCE("item"."referral_id", "follow_up"."referral_id") LIMIT 1) "referral" ON TRUE
  LEFT JOIN LATERAL (SELECT * FROM concerns "c"
                      WHERE "c"."id" = COALESCE("item"."concern_id", "referral"."concern_id") LIMIT 1) "concern" ON TRUE
  LEFT JOIN subjects "subject" ON "subject"."id" = "concern"."subject_id"
  LEFT JOIN agencies "owner_agency" ON "owner_agency"."id" = "concern"."owning_agency_id"
  LEFT JOIN agencies "to_agency" ON "to_agency"."id" = "referral"."to_agency_id"
  LEFT JOIN users "owner" ON "owner"."id" = "follow_up"."owner_id"
  LEFT JOIN agencies "owner_of" ON "owner_of"."id" = "owner"."agency_id"
 WHERE "item"."id" = ANY($1)`;

/** The triage outcome that puts a concern on its district's next forum. */
const TO_REFER: TriageOutcome = 'refer';

/**
 * A forum's cases (DESIGN, "Meeting"): concerns triaged `refer` since the district's previous
 * forum, open referrals whose review falls before the next forum (`referralIsOverdue` by that day),
 * and follow-ups overdue now (`followUpIsOverdue`). The case's risk level and when it was logged
 * order each section. Every word of the vocabulary — sections, triage outcome, open states — is
 * bound as a parameter.
 */
export function candidatesQuery(window: CandidateWindow): { sql: string; values: unknown[] } {
  const { param, values } = positionalBinder();
  const section = (name: AgendaSection) => `${param(name)}::text`;
  const district = param(window.districtId);
  const since = param(window.since);
  const sql = `
SELECT ${section('new_concerns')} AS section, "c"."id" AS concern_id, NULL::uuid AS referral_id, NULL::uuid AS follow_up_id,
       "c"."risk_level"::text AS risk_level, "c"."created_at" AS opened_at
  FROM concerns "c"
 WHERE "c"."district_id" = ${district} AND "c"."triage_outcome" = ${param(TO_REFER)} AND "c"."triaged_at" < ${param(window.startsAt)}
   AND (${since}::timestamptz IS NULL OR "c"."triaged_at" >= ${since})
UNION ALL
SELECT ${section('referrals_due')}, NULL, "r"."id", NULL, "c"."risk_level"::text, "c"."created_at"
  FROM referrals "r" JOIN concerns "c" ON "c"."id" = "r"."concern_id"
 WHERE "r"."district_id" = ${district} AND ${referralIsOverdue.sql('r', window.reviewsBefore, param)}
UNION ALL
SELECT ${section('overdue_follow_ups')}, NULL, NULL, "f"."id", "c"."risk_level"::text, COALESCE("c"."created_at", "f"."created_at")
  FROM follow_ups "f"
  -- One look-up per overdue follow-up (LIMIT keeps the planner from turning it into a scan of every referral).
  LEFT JOIN LATERAL (SELECT "case"."risk_level", "case"."created_at" FROM referrals "r"
                       JOIN concerns "case" ON "case"."id" = "r"."concern_id"
                      WHERE "r"."id" = "f"."referral_id" LIMIT 1) "c" ON TRUE
 WHERE "f"."district_id" = ${district} AND ${followUpIsOverdue.sql('f', window.now, param)}`;
  return { sql, values };
}

/** A case a forum's agenda should have (see `candidatesQuery`). */
export interface AgendaCandidate {
  section: AgendaSection;
  concern_id: string | null;
  referral_id: string | null;
  follow_up_id: string | null;
  risk_level: RiskLevel | null;
  opened_at: Date;
}

/** What the candidates of one forum are chosen by. */
export interface CandidateWindow {
  districtId: string;
  startsAt: Date;
  /** The district's previous forum's start: concerns triaged since then (null: all). */
  since: Date | null;
  /** Reviews due before this local date. */
  reviewsBefore: string;
  /** Follow-ups due before this. */
  now: Date;
}

export type NewAgendaItem = Pick<
  AgendaItem,
  | 'meetingId'
  | 'section'
  | 'source'
  | 'title'
  | 'concernId'
  | 'referralId'
  | 'followUpId'
  | 'riskLevel'
  | 'openedAt'
  | 'handPosition'
  | 'handMovedAt'
  | 'position'
  | 'snapshot'
  | 'createdById'
>;

/** The reader's agency in the generated SQL (a forum member speaks for their agency). */
const READER_AGENCY = '00000000-0000-4000-8000-0000000000a1';

/** Agenda items: who may see which, the facts of their cases, the identities shown, and their generation. */
@Injectable()
export class AgendaRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * The ids of the meeting's agenda items this reader may NOT see, as SQL to put after `NOT IN`
   * (DESIGN rules 3 and 5): an item about a case only where the reader may know that case exists
   * (`concernKnownSql`), an item about none (a coordinator's note, a task of no case) for everyone
   * invited. A step that names a record that cannot be found hides the item: unknown is not public.
   * The hidden items are found in one uncorrelated subquery, so the shares are looked up once per
   * reading, not once per item.
   */
  hiddenItemsSql(ability: AppAbility, readerAgencyId: string, meetingId: string, now: Date): AccessSql {
    const known = concernKnownSql(
      ability,
      { agencyId: readerAgencyId },
      { alias: 'itemCase', columns: entityColumns(this.dataSource, Concern) },
      now,
    );
    const sql = `${TRAIL_SQL}
    SELECT "trail"."item_id" FROM "trail"
      JOIN agenda_items "step" ON "step"."id" = "trail"."step_id"
      LEFT JOIN follow_ups "stepTask" ON "stepTask"."id" = "step"."follow_up_id"
      LEFT JOIN referrals "stepReferral" ON "stepReferral"."id" = COALESCE("step"."referral_id", "stepTask"."referral_id")
      LEFT JOIN concerns "itemCase" ON "itemCase"."id" = COALESCE("step"."concern_id", "stepReferral"."concern_id")
     WHERE ("step"."follow_up_id" IS NOT NULL AND "stepTask"."id" IS NULL)
        OR "trail"."depth" >= ${MAX_TRAIL}
        OR (COALESCE("step"."concern_id", "step"."referral_id", "stepTask"."referral_id") IS NOT NULL
            AND ("itemCase"."id" IS NULL OR NOT ${known.sql}))`;
    return { sql, params: { ...known.params, trailMeetingId: meetingId } };
  }

  /**
   * The agenda items of a meeting this reader may see, decided in one query; any other item is
   * absent from their agenda, their printed copy and their minutes — not redacted, absent.
   */
  @GenerateSql({
    name: 'as a coordinator',
    params: [DummyValue.tx, DummyValue.caller.coordinator, READER_AGENCY, DummyValue.UUID, DummyValue.DATE],
  })
  @GenerateSql({
    name: 'as a police case worker',
    params: [DummyValue.tx, DummyValue.caller.police, READER_AGENCY, DummyValue.UUID, DummyValue.DATE],
  })
  readable(
    tx: EntityManager,
    ability: AppAbility,
    readerAgencyId: string,
    meetingId: string,
    now: Date,
  ): Promise<AgendaItem[]> {
    const hidden = this.hiddenItemsSql(ability, readerAgencyId, meetingId, now);
    return tx
      .getRepository(AgendaItem)
      .createQueryBuilder('item')
      .where('item.meetingId = :meetingId', { meetingId })
      .andWhere(`item.id NOT IN (${hidden.sql})`, hidden.params)
      .getMany();
  }

  /**
   * The subjects whose identity this reader may see, decided in SQL: by the reader's own rights
   * (DESIGN rules 2–4), or because their agency has a basis (rule 6).
   */
  @GenerateSql({
    name: 'as a coordinator',
    params: [DummyValue.tx, DummyValue.caller.coordinator, READER_AGENCY, DummyValue.UUID_SET, DummyValue.DATE],
  })
  @GenerateSql({
    name: 'as a case worker',
    params: [DummyValue.tx, DummyValue.caller.caseWorker, READER_AGENCY, DummyValue.UUID_SET, DummyValue.DATE],
  })
  async identities(
    tx: EntityManager,
    ability: AppAbility,
    readerAgencyId: string,
    subjectIds: string[],
    now: Date,
  ): Promise<Map<string, Identity>> {
    if (subjectIds.length === 0) return new Map();
    const access = subjectAccessSql(
      ability,
      'subject',
      { subject: entityColumns(this.dataSource, Subject), concern: entityColumns(this.dataSource, Concern) },
      now,
    );
    const covers = agencyCoversSubjectSql('subject', readerAgencyId, now);
    const rows = await tx
      .getRepository(Subject)
      .createQueryBuilder('subject')
      .where('subject.id IN (:...subjectIds)', { subjectIds })
      .andWhere(`(${access.identity.sql} OR ${covers.sql})`, { ...access.identity.params, ...covers.params })
      // An anonymised subject has no identity left to show: it stays a pseudonym.
      .andWhere('subject.anonymisedAt IS NULL')
      .getMany();
    return new Map(
      rows.map((subject) => [subject.id, { fullName: subject.fullName!, dateOfBirth: subject.dateOfBirth! }]),
    );
  }

  /**
   * The cases of these agenda items as they stand now, by item id: never an identity or a
   * narrative. Given only items a reader may see (`readable`), or, at the freeze, every item.
   */
  @GenerateSql({ params: [DummyValue.tx, DummyValue.UUID_SET] })
  async facts(tx: EntityManager, itemIds: string[]): Promise<Map<string, AgendaItemFacts>> {
    if (itemIds.length === 0) return new Map();
    const rows: {
      item_id: string;
      subject_id: string | null;
      pseudonym: string | null;
      concern: AgendaItemFacts['concern'];
      referral: AgendaItemFacts['referral'];
      follow_up: AgendaItemFacts['followUp'];
    }[] = await tx.query(FACTS_SQL, [itemIds]);
    return new Map(
      rows.map((row) => [
        row.item_id,
        {
          subjectId: row.subject_id,
          pseudonym: row.pseudonym,
          concern: row.concern,
          referral: row.referral,
          followUp: row.follow_up,
        },
      ]),
    );
  }

  /** The cases a forum's agenda should have now (ids, risk and age only). */
  @GenerateSql({
    params: [
      DummyValue.tx,
      {
        districtId: DummyValue.UUID,
        startsAt: DummyValue.DATE,
        since: null,
        reviewsBefore: '2026-02-01',
        now: DummyValue.DATE,
      },
    ],
  })
  candidates(tx: EntityManager, window: CandidateWindow): Promise<AgendaCandidate[]> {
    const { sql, values } = candidatesQuery(window);
    return tx.query(sql, values);
  }

  /** The risk level and logging time of a concern: they order a hand-added item about it. */
  @GenerateSql({ params: [DummyValue.tx, DummyValue.UUID] })
  async caseOrder(tx: EntityManager, concernId: string): Promise<{ riskLevel: RiskLevel; openedAt: Date } | null> {
    const [row]: { risk_level: RiskLevel; created_at: Date }[] = await tx.query(
      'SELECT risk_level, created_at FROM concerns WHERE id = $1',
      [concernId],
    );
    return row ? { riskLevel: row.risk_level, openedAt: row.created_at } : null;
  }

  /** Every item of the meeting (of one source, when given), whoever may see it: for generating and freezing. */
  @GenerateSql({ params: [DummyValue.tx, DummyValue.UUID, 'generated'] })
  all(tx: EntityManager, meetingId: string, source?: AgendaItem['source']): Promise<AgendaItem[]> {
    return tx.find(AgendaItem, { where: source ? { meetingId, source } : { meetingId } });
  }

  @GenerateSql({ params: [DummyValue.tx, [{ meetingId: DummyValue.UUID, section: 'other', source: 'manual' }]] })
  async insert(tx: EntityManager, items: NewAgendaItem[]): Promise<string[]> {
    if (items.length === 0) return [];
    const inserted = await tx.insert(AgendaItem, items);
    return inserted.identifiers.map((identifier) => identifier.id as string);
  }

  @GenerateSql({ params: [DummyValue.tx, DummyValue.UUID] })
  async remove(tx: EntityManager, id: string): Promise<void> {
    await tx.delete(AgendaItem, { id });
  }

  /** The case's risk and age as the generation found them: they order the section. */
  @GenerateSql({ params: [DummyValue.tx, DummyValue.UUID, { riskLevel: 'high', openedAt: DummyValue.DATE }] })
  async setCaseOrder(tx: EntityManager, id: string, order: Pick<AgendaItem, 'riskLevel' | 'openedAt'>): Promise<void> {
    await tx.update(AgendaItem, { id }, order);
  }

  /** The coordinator's place for an item; false if the meeting has no such item. */
  @GenerateSql({ params: [DummyValue.tx, DummyValue.UUID, DummyValue.UUID, 1, DummyValue.DATE] })
  async placeByHand(
    tx: EntityManager,
    meetingId: string,
    itemId: string,
    position: number,
    at: Date,
  ): Promise<boolean> {
    const moved = await tx.update(AgendaItem, { id: itemId, meetingId }, { handPosition: position, handMovedAt: at });
    return moved.affected === 1;
  }

  /** Numbers the items: each id gets the position at the same index. */
  @GenerateSql({ params: [DummyValue.tx, DummyValue.UUID_SET, [1]] })
  async number(tx: EntityManager, ids: string[], positions: number[]): Promise<void> {
    await tx.query(
      `UPDATE agenda_items AS "item" SET "position" = "placed"."position"
         FROM (SELECT unnest($1::uuid[]) AS id, unnest($2::int[]) AS position) AS "placed"
        WHERE "item"."id" = "placed"."id" AND "item"."position" <> "placed"."position"`,
      [ids, positions],
    );
  }

  /** Keeps the case as it stands now in the item, for the frozen agenda. */
  @GenerateSql({ params: [DummyValue.tx, DummyValue.UUID, null] })
  async keepSnapshot(tx: EntityManager, id: string, snapshot: AgendaItemFacts | null): Promise<void> {
    await tx.update(AgendaItem, { id }, { snapshot });
  }
}
