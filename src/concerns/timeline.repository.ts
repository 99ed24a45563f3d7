import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AppAbility } from '../access/ability';
import { accessSql } from '../access/access-sql';
import { binder, meetingFields, referralShareFields } from '../access/shares';
import { AuditAction, ResourceType } from '../audit/audit-actions';
import type { AuditOutcome } from '../audit/audit-event.entity';
import { Clock } from '../clock/clock';
import { entityColumns } from '../database/entity-columns';
import { DummyValue, GenerateSql } from '../database/generate-sql';
import { FollowUp } from '../follow-ups/follow-up.entity';
import { Meeting } from '../meetings/entities/meeting.entity';
import { Referral } from '../referrals/referral.entity';

/**
 * The state changes a concern's timeline is made of, as the audit trail names them: the concern's
 * own, its referrals', and their follow-ups'. Reads are not steps (who read it is the auditor's view).
 */
export const TIMELINE_ACTIONS = [
  'concern.create',
  'concern.update',
  'concern.triage',
  'concern.open_to_police',
  'referral.create',
  'referral.accept',
  'referral.decline',
  'referral.start',
  'referral.close',
  'follow_up.create',
  'follow_up.complete',
  'follow_up.cancel',
  'follow_up.escalate',
] as const satisfies readonly AuditAction[];

/** A step on an agenda: not an audit event of its own, but a row of `agenda_items`. */
export const AGENDA_STEP = 'agenda.add_item' satisfies AuditAction;

export type TimelineKind = (typeof TIMELINE_ACTIONS)[number] | typeof AGENDA_STEP;

/** One step as read: who (null: the system), when, about which record, and whether that record is the reader's to see. */
export interface TimelineRow {
  id: string;
  kind: TimelineKind;
  at: Date;
  resource_type: 'concern' | 'referral' | 'follow_up' | 'meeting';
  resource_id: string;
  actor_id: string | null;
  actor_name: string | null;
  actor_agency_name: string | null;
  details: Record<string, unknown> | null;
  /** The referral's receiving agency, for a referral's steps. */
  agency_name: string | null;
  /** The meeting's start, for an agenda step. */
  starts_at: Date | null;
  /** For steps about a referral, follow-up or meeting: whether the reader may read that record. */
  record_visible: boolean;
}

/** The resource types a step is about, and the outcome of a step that happened: bound, never typed into the SQL. */
const CONCERN: ResourceType = 'concern';
const REFERRAL: ResourceType = 'referral';
const FOLLOW_UP: ResourceType = 'follow_up';
const MEETING: ResourceType = 'meeting';
const ALLOWED: AuditOutcome = 'allowed';

/** The most steps a timeline shows: the oldest first, the latest are the ones cut. */
export const TIMELINE_LIMIT = 500;

/**
 * A concern's timeline from what the database records: the audit trail's allowed state changes of
 * the concern, its referrals and their follow-ups (through the trail's index on resource), and the
 * agenda items about it. Each step about another record says whether the reader may read that
 * record, by the same access rules as its own routes (the CASL rules, the share rules).
 */
@Injectable()
export class ConcernTimelineRepository {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  @GenerateSql({ name: 'as a coordinator', params: [DummyValue.tx, DummyValue.caller.coordinator, DummyValue.UUID] })
  @GenerateSql({ name: 'as a reporter', params: [DummyValue.tx, DummyValue.caller.reporter, DummyValue.UUID] })
  async steps(tx: EntityManager, ability: AppAbility, concernId: string): Promise<TimelineRow[]> {
    const now = this.clock.now();
    const { param, params } = binder('timeline');
    const referral = accessSql(ability, 'read', 'Referral', {
      alias: 'seen_referral',
      columns: { ...entityColumns(this.dataSource, Referral), ...referralShareFields('seen_referral', now) },
    });
    const followUp = accessSql(ability, 'read', 'FollowUp', {
      alias: 'seen_follow_up',
      columns: entityColumns(this.dataSource, FollowUp),
    });
    const meeting = accessSql(ability, 'read', 'Meeting', {
      alias: 'seen_meeting',
      columns: { ...entityColumns(this.dataSource, Meeting), ...meetingFields('seen_meeting') },
    });
    const concern = param(concernId);
    const [isConcern, isReferral, isFollowUp, isMeeting] = [CONCERN, REFERRAL, FOLLOW_UP, MEETING].map(param);
    const sql = `WITH "refs" AS (SELECT "r"."id", "r"."to_agency_id" FROM referrals "r" WHERE "r"."concern_id" = ${concern}),
     "fus" AS (SELECT "f"."id", "f"."referral_id" FROM follow_ups "f" WHERE "f"."referral_id" IN (SELECT "id" FROM "refs"))
SELECT "step".* FROM (
  SELECT "event"."id", "event"."action" AS kind, "event"."occurred_at" AS at, "event"."resource_type", "event"."resource_id",
         "event"."actor_id", "actor"."name" AS actor_name, "actor_agency"."name" AS actor_agency_name, "event"."details",
         "to_agency"."name" AS agency_name, NULL::timestamptz AS starts_at, "chain"."seq",
         CASE "event"."resource_type"
           WHEN ${isReferral} THEN (SELECT ${referral.sql} FROM referrals "seen_referral" WHERE "seen_referral"."id"::text = "event"."resource_id") IS TRUE
           WHEN ${isFollowUp} THEN (SELECT ${followUp.sql} FROM follow_ups "seen_follow_up" WHERE "seen_follow_up"."id"::text = "event"."resource_id") IS TRUE
           ELSE TRUE
         END AS record_visible
    FROM audit_events "event"
    LEFT JOIN audit_chain "chain" ON "chain"."event_id" = "event"."id" AND "chain"."occurred_at" = "event"."occurred_at"
    LEFT JOIN users "actor" ON "actor"."id" = "event"."actor_id"
    LEFT JOIN agencies "actor_agency" ON "actor_agency"."id" = "event"."actor_agency_id"
    LEFT JOIN "refs" "step_referral" ON "event"."resource_type" = ${isReferral} AND "step_referral"."id"::text = "event"."resource_id"
    LEFT JOIN agencies "to_agency" ON "to_agency"."id" = "step_referral"."to_agency_id"
   WHERE "event"."outcome" = ${param(ALLOWED)}
     AND "event"."action" = ANY(${param(TIMELINE_ACTIONS)})
     AND (("event"."resource_type" = ${isConcern} AND "event"."resource_id" = ${concern}::text)
       OR ("event"."resource_type" = ${isReferral} AND "event"."resource_id" IN (SELECT "id"::text FROM "refs"))
       OR ("event"."resource_type" = ${isFollowUp} AND "event"."resource_id" IN (SELECT "id"::text FROM "fus")))
  UNION ALL
  SELECT "item"."id", ${param(AGENDA_STEP)} AS kind, "item"."created_at" AS at, ${isMeeting}::text AS resource_type, "item"."meeting_id"::text AS resource_id,
         "item"."created_by_id" AS actor_id, "actor"."name" AS actor_name, "actor_agency"."name" AS actor_agency_name, NULL::jsonb AS details,
         NULL AS agency_name, "seen_meeting"."starts_at", NULL::bigint AS seq,
         (${meeting.sql}) IS TRUE AS record_visible
    FROM agenda_items "item"
    JOIN meetings "seen_meeting" ON "seen_meeting"."id" = "item"."meeting_id"
    LEFT JOIN users "actor" ON "actor"."id" = "item"."created_by_id"
    LEFT JOIN agencies "actor_agency" ON "actor_agency"."id" = "actor"."agency_id"
   WHERE "item"."concern_id" = ${concern} OR "item"."referral_id" IN (SELECT "id" FROM "refs")
) "step"
ORDER BY "step"."at", "step"."seq" NULLS LAST, "step"."id"
LIMIT ${param(TIMELINE_LIMIT)}`;
    const all = { ...referral.params, ...followUp.params, ...meeting.params, ...params };
    const [query, values] = this.dataSource.driver.escapeQueryWithParameters(sql, all, {});
    return tx.query(query, values);
  }
}
