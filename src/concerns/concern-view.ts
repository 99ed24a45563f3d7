import { AppAbility, CONCERN_FIELDS } from '../access/ability';
import { readableFields } from '../access/concern-fields';
import { subjectView } from '../subjects/subject-view';
import { Concern } from './concern.entity';
import { Page } from '../database/pagination';
import { Agency } from '../agencies/agency.entity';
import { ConcernDto, ConcernPageDto, EmergencyDto } from './dto/concern.dto';
import { Emergency } from './emergency-alarm';
import { STAGE_OF_STATUS } from './concern-vocabulary';

/**
 * The answer for a concern, built from the permitted fields only: a field the caller may
 * not read is never put in, so it cannot leak through a nested object. Expects the
 * subject, owning agency and reporter (with agency) loaded.
 */
export function concernView(ability: AppAbility, concern: Concern, now: Date): ConcernDto {
  const fields = readableFields(ability, concern);
  const { subject, owningAgency, reporter } = concern;
  if (!subject || !owningAgency || !reporter?.agency) throw new Error('concern loaded without its relations');
  const every: Record<string, unknown> = {
    id: concern.id,
    pseudonym: subject.pseudonym,
    category: concern.category,
    riskLevel: concern.riskLevel,
    status: concern.status,
    owningAgency: { id: owningAgency.id, name: owningAgency.name, kind: owningAgency.kind },
    contact: { name: reporter.name, email: reporter.email, agencyName: reporter.agency.name },
    districtId: concern.districtId,
    createdAt: concern.createdAt.toISOString(),
    subject: subjectView(subject, true, now),
    narrative: concern.narrative,
    source: concern.source,
    classification: concern.classification,
    version: concern.version,
    updatedAt: concern.updatedAt.toISOString(),
    triage: concern.triageOutcome
      ? {
          outcome: concern.triageOutcome,
          note: concern.triageNote,
          triagedById: concern.triagedById,
          triagedAt: concern.triagedAt?.toISOString(),
        }
      : null,
  };
  const view: Record<string, unknown> = { id: concern.id, redacted: !fields.has('narrative') };
  for (const field of CONCERN_FIELDS) if (fields.has(field)) view[field] = every[field];
  if (fields.has('status')) view.stage = STAGE_OF_STATUS[concern.status];
  return view as unknown as ConcernDto;
}

/** The answer to logging or changing a concern: the concern, and what the reporter is told of an emergency. */
export function changedConcernView(
  ability: AppAbility,
  concern: Concern,
  emergency: Emergency | undefined,
  now: Date,
): ConcernDto & { emergency?: EmergencyDto } {
  return {
    ...concernView(ability, concern, now),
    ...(emergency ? { emergency: emergencyView(emergency.police) } : {}),
  };
}

export const EMERGENCY_NUMBER = '112';

/** What the reporter is told, in words, when they log an immediate danger. */
export function emergencyView(police: Agency | null): EmergencyDto {
  const call = `If anyone's life is at risk, call ${EMERGENCY_NUMBER} now — do not wait for this system.`;
  if (!police) {
    return {
      policeAlerted: false,
      message: `${call} No police agency is registered for this district, so nobody was alerted automatically.`,
    };
  }
  return {
    policeAlerted: true,
    policeAgency: { id: police.id, name: police.name, kind: police.kind },
    message: `${call} ${police.name} has been sent an urgent alert about this concern.`,
  };
}

/**
 * Logged or changed after `since` (a saved filter's last look), as far as the caller may tell: a
 * change counts only where the caller may see when it was made (`updatedAt`), else its logging.
 */
export function newSince(view: ConcernDto, since: Date): boolean {
  const changed = view.updatedAt ?? view.createdAt;
  return new Date(changed).getTime() > since.getTime() || new Date(view.createdAt).getTime() > since.getTime();
}

/** A page of concerns, each as the caller may see it; with `since`, each says whether it is new since then. */
export function concernPageView(ability: AppAbility, page: Page<Concern>, now: Date, since?: Date): ConcernPageDto {
  const items = page.items.map((concern) => {
    const view = concernView(ability, concern, now);
    return since ? { ...view, newSinceLastSeen: newSince(view, since) } : view;
  });
  return { items, nextCursor: page.nextCursor };
}
