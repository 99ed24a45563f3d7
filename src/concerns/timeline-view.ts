import { AppAbility } from '../access/ability';
import { readableFields } from '../access/concern-fields';
import { Concern } from './concern.entity';
import { TimelineDto, TimelineStepDto } from './dto/timeline.dto';
import { TimelineRow } from './timeline.repository';

/**
 * Whether the reader sees a step in full, as they see the concern: its logging wherever they see the
 * concern at all (the stub names who to contact), its triage where they see the triage, its changes
 * and its emergency share where they see the concern in full, and a step about a referral, a
 * follow-up or a meeting where they may read that record.
 */
function stepVisible(row: TimelineRow, fields: Set<string>): boolean {
  switch (row.kind) {
    case 'concern.create':
      return true;
    case 'concern.triage':
      return fields.has('triage');
    case 'concern.update':
    case 'concern.open_to_police':
      return fields.has('narrative');
    default:
      return row.record_visible;
  }
}

function outcomeOf(row: TimelineRow): string | undefined {
  const outcome = row.details?.outcome;
  return typeof outcome === 'string' && (row.kind === 'concern.triage' || row.kind.startsWith('referral.'))
    ? outcome
    : undefined;
}

export function timelineStepView(row: TimelineRow, fields: Set<string>): TimelineStepDto {
  const at = new Date(row.at).toISOString();
  if (!stepVisible(row, fields)) return { kind: row.kind, at, redacted: true };
  const step: TimelineStepDto = {
    kind: row.kind,
    at,
    redacted: false,
    bySystem: row.actor_id === null,
    actor: row.actor_id ? { id: row.actor_id, name: row.actor_name ?? '', agencyName: row.actor_agency_name } : null,
  };
  const outcome = outcomeOf(row);
  if (outcome) step.outcome = outcome;
  if (row.resource_type === 'referral') step.referral = { id: row.resource_id, toAgencyName: row.agency_name };
  if (row.resource_type === 'follow_up') step.followUpId = row.resource_id;
  if (row.resource_type === 'meeting' && row.starts_at) {
    step.meeting = { id: row.resource_id, startsAt: new Date(row.starts_at).toISOString() };
  }
  return step;
}

/** The concern's timeline as the reader may see it: redacted step by step as the concern itself is. */
export function timelineView(ability: AppAbility, concern: Concern, rows: TimelineRow[]): TimelineDto {
  const fields = readableFields(ability, concern);
  return {
    concernId: concern.id,
    redacted: !fields.has('narrative'),
    steps: rows.map((row) => timelineStepView(row, fields)),
  };
}
