import { PoolClient } from 'pg';
import { AgendaItemFacts, Identity } from '../../src/meetings/agenda-facts';
import { agendaSections } from '../../src/meetings/agenda-view';
import { AgendaItem } from '../../src/meetings/entities/agenda-item.entity';
import { Actor, Standing } from './actor';
import { recordEvents } from './audit';
import { Refusal } from './http';
import {
  agencyCoversSubject,
  COMMON_PARAMS,
  commonParams,
  concernKnown,
  subjectIdentified,
  TYPED_PARAMS,
} from './rules';

/** Far more than any real trail of action items (src/meetings/agenda.repository.ts). */
const MAX_TRAIL = 50;

const MEETING_SQL = (who: Standing) => `
WITH ${TYPED_PARAMS}
SELECT m.id, m.starts_at, m.agenda_generated_at, m.agenda_frozen_at FROM meetings m
 WHERE m.id = $${COMMON_PARAMS + 1}
   AND (${who.coordinator ? 'm.district_id = ANY($3) OR ' : ''}EXISTS (SELECT 1 FROM meeting_participants p WHERE p.meeting_id = m.id AND p.user_id = $1))`;

/**
 * The items of the meeting the reader may see, with their case's facts and whether the reader may see who the
 * subject is, in one statement: an item is hidden where any step of its trail (item, follow-up, the minute that
 * made it, …) names a case the reader may not know exists, or a record that cannot be found.
 */
const ITEMS_SQL = (who: Standing) => `
WITH RECURSIVE ${TYPED_PARAMS}, trail(item_id, step_id, depth) AS (
    SELECT start.id, start.id, 0 FROM agenda_items start WHERE start.meeting_id = $${COMMON_PARAMS + 1}
  UNION ALL
    SELECT trail.item_id, decided.agenda_item_id, trail.depth + 1
      FROM trail
      JOIN agenda_items via ON via.id = trail.step_id
      JOIN follow_ups task ON task.id = via.follow_up_id
      JOIN meeting_minutes decided ON decided.id = task.minute_id
     WHERE task.referral_id IS NULL AND decided.agenda_item_id IS NOT NULL AND trail.depth < ${MAX_TRAIL}),
hidden AS (
  SELECT trail.item_id FROM trail
    JOIN agenda_items step ON step.id = trail.step_id
    LEFT JOIN follow_ups step_task ON step_task.id = step.follow_up_id
    LEFT JOIN referrals step_referral ON step_referral.id = COALESCE(step.referral_id, step_task.referral_id)
    LEFT JOIN concerns item_case ON item_case.id = COALESCE(step.concern_id, step_referral.concern_id)
   WHERE (step.follow_up_id IS NOT NULL AND step_task.id IS NULL)
      OR trail.depth >= ${MAX_TRAIL}
      OR (COALESCE(step.concern_id, step.referral_id, step_task.referral_id) IS NOT NULL
          AND (item_case.id IS NULL OR NOT ${concernKnown(who, 'item_case')})))
SELECT item.id, item.section, item.position, item.source, item.title,
       s.id AS subject_id, s.pseudonym, s.full_name, s.date_of_birth,
       CASE WHEN s.id IS NULL THEN FALSE ELSE (${subjectIdentified(who, 's')} OR ${agencyCoversSubject('s')}) END AS identified,
       c.id AS concern_id, c.category, c.risk_level, c.status AS concern_status, c.created_at AS concern_created_at,
       owner.name AS owner_name, owner.kind AS owner_kind,
       r.id AS referral_id, r.status AS referral_status, r.review_date, to_agency.name AS to_agency_name, to_agency.kind AS to_agency_kind,
       f.id AS follow_up_id, f.due_at, f.escalation_level, follow_up_owner.name AS follow_up_owner_name,
       follow_up_owner_agency.name AS follow_up_owner_agency_name
  FROM agenda_items item
  LEFT JOIN follow_ups f ON f.id = item.follow_up_id
  LEFT JOIN referrals r ON r.id = COALESCE(item.referral_id, f.referral_id)
  LEFT JOIN concerns c ON c.id = COALESCE(item.concern_id, r.concern_id)
  LEFT JOIN subjects s ON s.id = c.subject_id
  LEFT JOIN agencies owner ON owner.id = c.owning_agency_id
  LEFT JOIN agencies to_agency ON to_agency.id = r.to_agency_id
  LEFT JOIN users follow_up_owner ON follow_up_owner.id = f.owner_id
  LEFT JOIN agencies follow_up_owner_agency ON follow_up_owner_agency.id = follow_up_owner.agency_id
 WHERE item.meeting_id = $${COMMON_PARAMS + 1} AND item.id NOT IN (SELECT item_id FROM hidden)`;

interface ItemRow {
  id: string;
  section: AgendaItem['section'];
  position: number;
  source: AgendaItem['source'];
  title: string | null;
  subject_id: string | null;
  pseudonym: string | null;
  full_name: string | null;
  date_of_birth: string | null;
  identified: boolean;
  concern_id: string | null;
  category: string;
  risk_level: string;
  concern_status: string;
  concern_created_at: Date;
  owner_name: string;
  owner_kind: string;
  referral_id: string | null;
  referral_status: string;
  review_date: string;
  to_agency_name: string;
  to_agency_kind: string;
  follow_up_id: string | null;
  due_at: Date;
  escalation_level: number;
  follow_up_owner_name: string;
  follow_up_owner_agency_name: string;
}

/** The facts of an item's case, as the API reads them live (src/meetings/agenda.repository.ts); only what the view shows. */
function factsOf(row: ItemRow): AgendaItemFacts {
  return {
    subjectId: row.subject_id,
    pseudonym: row.pseudonym,
    concern: row.concern_id
      ? ({
          id: row.concern_id,
          category: row.category,
          riskLevel: row.risk_level,
          status: row.concern_status,
          createdAt: row.concern_created_at.toISOString(),
          owningAgency: { name: row.owner_name, kind: row.owner_kind },
        } as AgendaItemFacts['concern'])
      : null,
    referral: row.referral_id
      ? ({
          id: row.referral_id,
          status: row.referral_status,
          reviewDate: row.review_date,
          toAgency: { name: row.to_agency_name, kind: row.to_agency_kind },
        } as AgendaItemFacts['referral'])
      : null,
    followUp: row.follow_up_id
      ? ({
          id: row.follow_up_id,
          dueAt: row.due_at.toISOString(),
          escalationLevel: row.escalation_level,
          owner: { name: row.follow_up_owner_name, agencyName: row.follow_up_owner_agency_name },
        } as AgendaItemFacts['followUp'])
      : null,
  };
}

export const mayReadMeetings = (who: Standing) => !who.oversight;

/**
 * GET /api/v1/meetings/:id/agenda before the meeting starts: the reader's items, each subject named only where
 * they may see who it is; one event for the meeting and one per subject shown, in one transaction.
 */
export async function readAgenda(
  db: PoolClient,
  who: Standing,
  actor: Actor,
  meetingId: string,
  now: Date,
  requestId: string,
) {
  const key = `${Number(who.author)}${Number(who.sharesReader)}${Number(who.caseWorker)}${Number(who.coordinator)}`;
  const values = [...commonParams(actor, now), meetingId];
  const meeting = (await db.query({ name: `meeting:${key}`, text: MEETING_SQL(who), values })).rows[0];
  if (!meeting) {
    await recordEvents(
      db,
      actor,
      requestId,
      [{ action: 'agenda.read', resourceId: meetingId, outcome: 'denied' }],
      now,
    );
    // The refusal is recorded and committed: the caller answers 404 once the transaction is over.
    return null;
  }
  if (!meeting.agenda_frozen_at && meeting.starts_at <= now) {
    throw new Refusal(501, 'not-implemented', 'the reference server does not freeze agendas');
  }
  const { rows } = await db.query<ItemRow>({ name: `agenda:${key}`, text: ITEMS_SQL(who), values });
  const facts = new Map(rows.map((row) => [row.id, factsOf(row)]));
  const identities = new Map<string, Identity>();
  for (const row of rows) {
    if (row.identified && row.subject_id) {
      identities.set(row.subject_id, { fullName: row.full_name!, dateOfBirth: row.date_of_birth! });
    }
  }
  const sections = agendaSections(rows as unknown as AgendaItem[], (item) => facts.get(item.id), identities);
  const shown = new Map<string, boolean>();
  for (const section of sections) {
    for (const item of section.items) {
      const subjectId = facts.get(item.id)?.subjectId;
      if (subjectId) shown.set(subjectId, item.identified);
    }
  }
  await recordEvents(
    db,
    actor,
    requestId,
    [
      {
        action: 'agenda.read',
        resourceId: meetingId,
        outcome: 'allowed',
        details: { items: rows.length, subjects: shown.size },
      },
      ...[...shown].map(([subjectId, identified]) => ({
        action: 'agenda.read' as const,
        resourceType: 'subject' as const,
        resourceId: subjectId,
        subjectId,
        outcome: 'allowed' as const,
        details: { meetingId, view: identified ? 'identity' : 'pseudonym' },
      })),
    ],
    now,
  );
  return {
    meetingId,
    generatedAt: meeting.agenda_generated_at?.toISOString() ?? null,
    frozenAt: meeting.agenda_frozen_at?.toISOString() ?? null,
    sections,
  };
}
