import { Injectable } from '@nestjs/common';
import { DateTime } from 'luxon';
import type { EntityManager } from 'typeorm';
import { AuditActor, AuditService } from '../audit/audit.service';
import { SYSTEM_ACTOR } from '../audit/system-actor';
import { Clock } from '../clock/clock';
import { AGENDA_SECTIONS, layoutSection } from './agenda-layout';
import { AgendaCandidate, AgendaRepository } from './agenda.repository';
import { Meeting } from './entities/meeting.entity';
import { MeetingsRepository } from './meetings.repository';

const keyOf = (item: {
  section: string;
  concernId?: string | null;
  referralId?: string | null;
  followUpId?: string | null;
}) => `${item.section}:${item.concernId ?? ''}:${item.referralId ?? ''}:${item.followUpId ?? ''}`;

/**
 * Builds, re-orders and freezes agendas. Every method runs in the caller's transaction with
 * the meeting's row locked, so two generations of one agenda never interleave.
 */
@Injectable()
export class AgendaGenerator {
  constructor(
    private readonly meetings: MeetingsRepository,
    private readonly items: AgendaRepository,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /** Locks the meeting's row and returns it fresh (null if there is none). */
  lock(manager: EntityManager, meetingId: string): Promise<Meeting | null> {
    return this.meetings.lock(manager, meetingId);
  }

  /**
   * (Re)generates: generated items whose case no longer qualifies go, new ones come, hand-added
   * items and the places the coordinator set stay. Case conferences have only hand-added items.
   */
  async generate(manager: EntityManager, meeting: Meeting, actor?: AuditActor): Promise<void> {
    const candidates = meeting.kind === 'forum' ? await this.candidates(manager, meeting) : [];
    const existing = await this.items.all(manager, meeting.id, 'generated');
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
        await this.items.remove(manager, item.id);
        continue;
      }
      kept.add(keyOf(item));
      await this.items.setCaseOrder(manager, item.id, {
        riskLevel: candidate.risk_level,
        openedAt: candidate.opened_at,
      });
    }
    const added = [...wanted.entries()].filter(([key]) => !kept.has(key)).map(([, candidate]) => candidate);
    if (added.length > 0) {
      await this.items.insert(
        manager,
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
    await this.meetings.markAgendaGenerated(manager, meeting.id, generatedAt);
    meeting.agendaGeneratedAt = generatedAt;
    await this.audit.record(manager, {
      action: 'agenda.generate',
      resourceId: meeting.id,
      outcome: 'allowed',
      details: { items: wanted.size, added: added.length, removed: existing.length - kept.size },
      ...(actor ? { actor } : {}),
    });
  }

  /** Numbers every section's items 1..n in the order layoutSection gives. */
  async relayout(manager: EntityManager, meetingId: string): Promise<void> {
    const items = await this.items.all(manager, meetingId);
    const ids: string[] = [];
    const positions: number[] = [];
    for (const section of AGENDA_SECTIONS) {
      layoutSection(items.filter((item) => item.section === section)).forEach((id, index) => {
        ids.push(id);
        positions.push(index + 1);
      });
    }
    await this.items.number(manager, ids, positions);
  }

  /**
   * From the start on, the agenda shows each case as it stood then: its facts are kept in the
   * items (identity is not: who may see it is decided at every reading).
   */
  async freeze(manager: EntityManager, meeting: Meeting, actor: AuditActor = SYSTEM_ACTOR): Promise<void> {
    if (meeting.agendaFrozenAt) return;
    if (!meeting.agendaGeneratedAt) await this.generate(manager, meeting, actor);
    const items = await this.items.all(manager, meeting.id);
    const facts = await this.items.facts(
      manager,
      items.map((item) => item.id),
    );
    for (const item of items) await this.items.keepSnapshot(manager, item.id, facts.get(item.id) ?? null);
    const frozenAt = this.clock.now();
    await this.meetings.markAgendaFrozen(manager, meeting.id, frozenAt);
    meeting.agendaFrozenAt = frozenAt;
    await this.audit.record(manager, {
      action: 'agenda.freeze',
      resourceId: meeting.id,
      outcome: 'allowed',
      details: { items: items.length },
      actor,
    });
  }

  private async candidates(manager: EntityManager, meeting: Meeting): Promise<AgendaCandidate[]> {
    const { previous, next } = await this.meetings.neighbouringForums(manager, meeting);
    // Reviews due before the next forum's day; without a next forum, within a month.
    const nextForum = next
      ? DateTime.fromJSDate(next, { zone: meeting.timeZone })
      : DateTime.fromJSDate(meeting.startsAt, { zone: meeting.timeZone }).plus({ months: 1 });
    return this.items.candidates(manager, {
      districtId: meeting.districtId,
      startsAt: meeting.startsAt,
      since: previous,
      reviewsBefore: nextForum.toISODate()!,
      now: this.clock.now(),
    });
  }
}
