import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AppAbility } from '../access/ability';
import { accessSql, AccessTarget } from '../access/access-sql';
import { binder, concernShareFields, referralShareFields } from '../access/shares';
import { Clock } from '../clock/clock';
import { ConcernFilter, concernFilterSql } from '../concerns/concern-filter';
import { Concern } from '../concerns/concern.entity';
import { INTAKE_STATUS } from '../concerns/concern-vocabulary';
import { entityColumns } from '../database/entity-columns';
import { DummyValue, GenerateSql } from '../database/generate-sql';
import { followUpIsOverdue, OPEN_FOLLOW_UP_STATE } from '../follow-ups/follow-up-rules';
import type { MeetingKind } from '../meetings/meeting-vocabulary';
import { Notification } from '../notifications/notification.entity';
import { Referral } from '../referrals/referral.entity';
import { ReferralStatus } from '../referrals/referral-vocabulary';

/** A pinned queue to count: its filters, and when its owner last looked at it. */
export interface QueueToCount {
  id: string;
  filter: ConcernFilter;
  lastSeenAt: Date | null;
}

export interface WorkCounts {
  unreadNotifications: number;
  followUpsDue: number;
  followUpsOverdue: number;
  /** Null for a caller who triages nothing. */
  intake: number | null;
  referralsWaiting: number;
  /** Of those, the ones nobody of the caller's agency has opened yet. */
  referralsUnseen: number;
  /** New in the caller's referral inbox: pending and unopened, or sent or changed since they last looked. */
  referralsNew: number;
  /** The next meeting the caller is invited to, if any. */
  nextMeeting: { id: string; kind: MeetingKind; startsAt: string; districtId: string } | null;
  /** Per queue, in the order given: all it holds, and what is new since its owner last looked. */
  queues: { count: number; newCount: number }[];
}

/** A referral waits for the receiving agency while it is pending. */
const WAITING: ReferralStatus = 'pending';
/** A follow-up is due when its due time falls within this much of now (overdue ones included). */
export const DUE_WITHIN_MS = 24 * 3_600_000;

/**
 * The home page's counts, each filtered by the caller's rules as the lists they stand for are
 * (the same CASL rules, the same share rules), all in one statement.
 */
@Injectable()
export class HomeRepository {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  /** Counts for `caller`, with one count (and one of what is new) per pinned queue: one query. */
  @GenerateSql({
    name: 'as a coordinator with a pinned queue',
    params: [
      DummyValue.tx,
      DummyValue.caller.coordinator,
      { id: DummyValue.UUID, agencyId: DummyValue.UUID },
      [{ id: DummyValue.UUID, filter: { riskLevel: 'high', status: 'new' }, lastSeenAt: DummyValue.DATE }],
      null,
    ],
  })
  @GenerateSql({
    name: 'as a reporter',
    params: [DummyValue.tx, DummyValue.caller.reporter, { id: DummyValue.UUID, agencyId: DummyValue.UUID }, [], null],
  })
  @GenerateSql({
    name: 'as a case worker who looked at the inbox before',
    params: [
      DummyValue.tx,
      DummyValue.caller.caseWorker,
      { id: DummyValue.UUID, agencyId: DummyValue.UUID },
      [],
      DummyValue.DATE,
    ],
  })
  async counts(
    tx: EntityManager,
    ability: AppAbility,
    caller: { id: string; agencyId: string },
    queues: QueueToCount[],
    inboxSeenAt: Date | null,
  ): Promise<WorkCounts> {
    const now = this.clock.now();
    const { param, params } = binder('home');
    const concernTarget = (alias: string): AccessTarget => ({
      alias,
      columns: { ...entityColumns(this.dataSource, Concern), ...concernShareFields(alias, now) },
    });
    const notifications = accessSql(ability, 'read', 'Notification', {
      alias: 'notification',
      columns: entityColumns(this.dataSource, Notification),
    });
    const referrals = accessSql(ability, 'read', 'Referral', {
      alias: 'referral',
      columns: { ...entityColumns(this.dataSource, Referral), ...referralShareFields('referral', now) },
    });
    const triage = ability.can('triage', 'Concern')
      ? accessSql(ability, 'triage', 'Concern', concernTarget('intake'))
      : null;
    const me = param(caller.id);
    // New in the inbox as the inbox marks it: pending and unopened, or sent or changed since the last look.
    const inboxSince = inboxSeenAt ? param(inboxSeenAt) : null;
    const waiting = param(WAITING);
    const inboxNew = `("referral"."status" = ${waiting} AND "referral"."seen_at" IS NULL)${
      inboxSince ? ` OR "referral"."created_at" > ${inboxSince} OR "referral"."updated_at" > ${inboxSince}` : ''
    }`;
    const selects = [
      `(SELECT count(*) FROM notifications "notification" WHERE ${notifications.sql} AND "notification"."read_at" IS NULL)::int AS unread_notifications`,
      `(SELECT count(*) FROM follow_ups "due" WHERE "due"."owner_id" = ${me} AND "due"."state" = ${param(OPEN_FOLLOW_UP_STATE)} AND "due"."due_at" <= ${param(new Date(now.getTime() + DUE_WITHIN_MS))})::int AS follow_ups_due`,
      `(SELECT count(*) FROM follow_ups "overdue" WHERE "overdue"."owner_id" = ${me} AND ${followUpIsOverdue.sql('overdue', now, param)})::int AS follow_ups_overdue`,
      triage
        ? `(SELECT count(*) FROM concerns "intake" WHERE ${triage.sql} AND "intake"."status" = ${param(INTAKE_STATUS)})::int AS intake`
        : 'NULL::int AS intake',
      `(SELECT json_build_object('waiting', count(*) FILTER (WHERE "referral"."status" = ${waiting}),
                                 'unseen', count(*) FILTER (WHERE "referral"."status" = ${waiting} AND "referral"."seen_at" IS NULL),
                                 'fresh', count(*) FILTER (WHERE ${inboxNew}))
          FROM referrals "referral" WHERE "referral"."to_agency_id" = ${param(caller.agencyId)} AND ${referrals.sql}) AS referrals_waiting`,
      `(SELECT json_build_object('id', "next"."id", 'kind', "next"."kind", 'startsAt', "next"."starts_at", 'districtId', "next"."district_id")
          FROM meetings "next" JOIN meeting_participants "invited" ON "invited"."meeting_id" = "next"."id"
         WHERE "invited"."user_id" = ${me} AND "next"."starts_at" > ${param(now)}
         ORDER BY "next"."starts_at", "next"."id" LIMIT 1) AS next_meeting`,
    ];
    const queueParams: Record<string, unknown>[] = [];
    queues.forEach((queue, index) => {
      const alias = `queue${index}`;
      const visible = accessSql(ability, 'read', 'Concern', concernTarget(alias));
      // A change counts as new only where the caller may see when it was made, as the list's newSinceLastSeen.
      const changeSeen = accessSql(ability, 'read', 'Concern', concernTarget(alias), 'updatedAt');
      queueParams.push(visible.params, changeSeen.params);
      const since = queue.lastSeenAt ? param(queue.lastSeenAt) : null;
      const fresh = since
        ? `("${alias}"."created_at" > ${since} OR ("${alias}"."updated_at" > ${since} AND ${changeSeen.sql}))`
        : 'TRUE';
      selects.push(
        `(SELECT json_build_object('count', count(*), 'newCount', count(*) FILTER (WHERE ${fresh})) FROM concerns "${alias}" WHERE ${visible.sql} AND ${concernFilterSql(alias, queue.filter, param)}) AS ${alias}`,
      );
    });
    const all = Object.assign(
      {},
      notifications.params,
      referrals.params,
      triage?.params ?? {},
      ...queueParams,
      params,
    ) as Record<string, unknown>;
    const [sql, values] = this.dataSource.driver.escapeQueryWithParameters(
      `SELECT ${selects.join(',\n       ')}`,
      all,
      {},
    );
    const [row] = await tx.query<Record<string, unknown>[]>(sql, values);
    return {
      unreadNotifications: row.unread_notifications as number,
      followUpsDue: row.follow_ups_due as number,
      followUpsOverdue: row.follow_ups_overdue as number,
      intake: row.intake as number | null,
      referralsWaiting: (row.referrals_waiting as { waiting: number }).waiting,
      referralsUnseen: (row.referrals_waiting as { unseen: number }).unseen,
      referralsNew: (row.referrals_waiting as { fresh: number }).fresh,
      nextMeeting: (row.next_meeting as WorkCounts['nextMeeting']) ?? null,
      queues: queues.map((_, index) => row[`queue${index}`] as { count: number; newCount: number }),
    };
  }
}
