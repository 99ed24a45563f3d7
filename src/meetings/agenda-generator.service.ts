import { Injectable } from '@nestjs/common';
import { DateTime } from 'luxon';
import { EntityManager } from 'typeorm';
import { AuditActor, AuditService } from '../audit/audit.service';
import { SYSTEM_ACTOR } from '../audit/system-actor';
import { Clock } from '../clock/clock';
import { RiskLevel } from '../concerns/concern-vocabulary';
import { AGENDA_SECTIONS, AgendaSection, layoutSection } from './agenda-layout';
import { liveFacts } from './agenda-facts';
import { AgendaItem } from './entities/agenda-item.entity';
import { Meeting } from './entities/meeting.entity';

interface Candidate {
  section: AgendaSection;
  concern_id: string | null;
  referral_id: string | null;
  follow_up_id: string | null;
  risk_level: RiskLevel | null;
  opened_at: Date;
}

const keyOf = (item: {
  section: string;
  concernId?: string | null;
  referralId?: string | null;
  followUpId?: string | null;
}) => `${item.section}:${item.concernId ?? ''}:${item.referralId ?? ''}:${item.followUpId ?? ''}`;

/**
 * A forum's cases (DESIGN, "Meeting"): concerns triaged `refer` since the district's previous
 * forum, open referrals whose review falls before the next forum, and open follow-ups past due.
 * The case's risk level and when it was logged order each section.
 */
const CANDIDATES_SQL = `
SELECT 'new_concerns' AS section, "c"."id" AS concern_id, NULL::uuid AS referral_id, NULL::uuid AS follow_up_id,
       "c"."risk_level"::text AS risk_level, "c"."created_at" AS opened_at
  FROM concerns "c"
 WHERE "c"."district_id" = $1 AND "c"."triage_outcome" = 'refer' AND "c"."triaged_at" < $2
   AND ($3::timestamptz IS NULL OR "c"."triaged_at" >= $3)
UNION ALL
SELECT 'referrals_due', NULL, "r"."id", NULL, "c"."risk_level"::text, "c"."created_at"
  FROM referrals "r" JOIN concerns "c" ON "c"."id" = "r"."concern_id"
 WHERE "r"."district_id" = $1 AND "r"."status" IN ('pending', 'accepted', 'in_progress') AND "r"."review_date" < $4::date
UNION ALL
SELECT 'overdue_follow_ups', NULL, NULL, "f"."id", "c"."risk_level"::text, COALESCE("c"."created_at", "f"."created_at")
  FROM follow_ups "f"
  -- One look-up per overdue follow-up (LIMIT keeps the planner from turning it into a scan of every referral).
  LEFT JOIN LATERAL (SELECT "case"."risk_level", "case"."created_at" FROM referrals "r"
                       JOIN concerns "case" ON "case"."id" = "r"."concern_id"
                      WHERE "r"."id" = "f"."referral_id" LIMIT 1) "c" ON TRUE
 WHERE "f"."district_id" = $1 AND "f"."state" = 'open' AND "f"."due_at" < $5`;

/**
 * Builds, re-orders and freezes agendas. Every method runs in the caller's transaction with
 * the meeting's row locked, so two generations of one agenda never interleave.
 */
@Injectable()
export class AgendaGenerator {
  constructor(
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /** Locks the meeting's row and returns it fresh (null if there is none). */
  lock(manager: EntityManager, meetingId: string): Promise<Meeting | null> {
    return manager.findOne(Meeting, { where: { id: meetingId }, lock: { mode: 'pessimistic_write' } });
  }

  /**
   * (Re)generates: generated items whose case no longer qualifies go, new ones come, hand-added
   * items and the places the coordinator set stay. Case conferences have only hand-added items.
   */
  async generate(manager: EntityManager, meeting: Meeting, actor?: AuditActor): Promise<void> {
    const candidates = meeting.kind === 'forum' ? await this.candidates(manager, meeting) : [];
    const existing = await manager.find(AgendaItem, { where: { meetingId: meeting.id, source: 'generated' } });
    const wanted = new Map(
      candidates.map((candidate) => [
        keyOf({
          section: candidate.section,
          concernId: candidate.concern_id,
          referralId: candidate.referral_id,
          followUpId: candidate.follow_up_id,
        }),
        candidate,
      ]),
    );
    const kept = new Set<string>();
    for (const item of existing) {
      const candidate = wanted.get(keyOf(item));
      if (!candidate) {
        await manager.delete(AgendaItem, { id: item.id });
        continue;
      }
      kept.add(keyOf(item));
      await manager.update(
        AgendaItem,
        { id: item.id },
        { riskLevel: candidate.risk_level, openedAt: candidate.opened_at },
      );
    }
    const added = [...wanted.entries()].filter(([key]) => !kept.has(key)).map(([, candidate]) => candidate);
    if (added.length > 0) {
      await manager.insert(
        AgendaItem,
        added.map((candidate) => ({
          meetingId: meeting.id,
          section: candidate.section,
          source: 'generated' as const,
          title: null,
          concernId: candidate.concern_id,
          referralId: candidate.referral_id,
          followUpId: candidate.follow_up_id,
          riskLevel: candidate.risk_level,
          openedAt: candidate.opened_at,
          handPosition: null,
          handMovedAt: null,
          position: 0,
          snapshot: null,
          createdById: null,
        })),
      );
    }
    await this.relayout(manager, meeting.id);
    const generatedAt = this.clock.now();
    await manager.query('UPDATE meetings SET agenda_generated_at = $2 WHERE id = $1', [meeting.id, generatedAt]);
    meeting.agendaGeneratedAt = generatedAt;
    await this.audit.record(manager, {
      action: 'meeting.agenda_generated',
      resourceType: 'Meeting',
      resourceId: meeting.id,
      outcome: 'allowed',
      details: { items: wanted.size, added: added.length, removed: existing.length - kept.size },
      ...(actor ? { actor } : {}),
    });
  }

  /** Numbers every section's items 1..n in the order layoutSection gives. */
  async relayout(manager: EntityManager, meetingId: string): Promise<void> {
    const items = await manager.find(AgendaItem, { where: { meetingId } });
    const ids: string[] = [];
    const positions: number[] = [];
    for (const section of AGENDA_SECTIONS) {
      layoutSection(items.filter((item) => item.section === section)).forEach((id, index) => {
        ids.push(id);
        positions.push(index + 1);
      });
    }
    await manager.query(
      `UPDATE agenda_items AS "item" SET "position" = "placed"."position"
         FROM (SELECT unnest($1::uuid[]) AS id, unnest($2::int[]) AS position) AS "placed"
        WHERE "item"."id" = "placed"."id" AND "item"."position" <> "placed"."position"`,
      [ids, positions],
    );
  }

  /**
   * From the start on, the agenda shows each case as it stood then: its facts are kept in the
   * items (identity is not: who may see it is decided at every reading).
   */
  async freeze(manager: EntityManager, meeting: Meeting, actor: AuditActor = SYSTEM_ACTOR): Promise<void> {
    if (meeting.agendaFrozenAt) return;
    if (!meeting.agendaGeneratedAt) await this.generate(manager, meeting, actor);
    const items = await manager.find(AgendaItem, { where: { meetingId: meeting.id } });
    const facts = await liveFacts(
      manager,
      items.map((item) => item.id),
    );
    for (const item of items) {
      await manager.update(AgendaItem, { id: item.id }, { snapshot: facts.get(item.id) ?? null });
    }
    const frozenAt = this.clock.now();
    await manager.query('UPDATE meetings SET agenda_frozen_at = $2 WHERE id = $1', [meeting.id, frozenAt]);
    meeting.agendaFrozenAt = frozenAt;
    await this.audit.record(manager, {
      action: 'meeting.agenda_frozen',
      resourceType: 'Meeting',
      resourceId: meeting.id,
      outcome: 'allowed',
      details: { items: items.length },
      actor,
    });
  }

  private async candidates(manager: EntityManager, meeting: Meeting): Promise<Candidate[]> {
    const [previous]: { starts_at: Date }[] = await manager.query(
      `SELECT starts_at FROM meetings WHERE district_id = $1 AND kind = 'forum' AND starts_at < $2 AND id <> $3
        ORDER BY starts_at DESC LIMIT 1`,
      [meeting.districtId, meeting.startsAt, meeting.id],
    );
    const [next]: { starts_at: Date }[] = await manager.query(
      `SELECT starts_at FROM meetings WHERE district_id = $1 AND kind = 'forum' AND starts_at > $2 AND id <> $3
        ORDER BY starts_at ASC LIMIT 1`,
      [meeting.districtId, meeting.startsAt, meeting.id],
    );
    // Reviews due before the next forum's day; without a next forum, within a month.
    const nextForum = next
      ? DateTime.fromJSDate(next.starts_at, { zone: meeting.timeZone })
      : DateTime.fromJSDate(meeting.startsAt, { zone: meeting.timeZone }).plus({ months: 1 });
    return manager.query(CANDIDATES_SQL, [
      meeting.districtId,
      meeting.startsAt,
      previous?.starts_at ?? null,
      nextForum.toISODate(),
      this.clock.now(),
    ]);
  }
}
