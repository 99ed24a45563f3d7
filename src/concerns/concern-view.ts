import { subject as asSubject } from '@casl/ability';
import { permittedFieldsOf } from '@casl/ability/extra';
import { AppAbility, CONCERN_FIELDS } from '../access/ability';
import { subjectView } from '../subjects/subject-view';
import { Concern } from './concern.entity';
import { ConcernDto } from './dto/concern.dto';

/** The fields of this concern the caller may read, from the CASL rules that match it. Expects its shares attached. */
export function readableFields(ability: AppAbility, concern: Concern): Set<string> {
  const conditions = {
    id: concern.id,
    reporterId: concern.reporterId,
    owningAgencyId: concern.owningAgencyId,
    districtId: concern.districtId,
    classification: concern.classification,
    sharedWith: concern.sharedWith ?? [],
    vitalInterest: concern.vitalInterest ?? false,
  };
  return new Set(
    permittedFieldsOf(ability, 'read', asSubject('Concern', conditions), {
      fieldsFrom: (rule) => rule.fields ?? CONCERN_FIELDS,
    }),
  );
}

/**
 * The answer for a concern, built from the permitted fields only: a field the caller may
 * not read is never put in, so it cannot leak through a nested object. Expects the
 * subject, owning agency and reporter (with agency) loaded.
 */
export function concernView(ability: AppAbility, concern: Concern): ConcernDto {
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
    subject: subjectView(subject, true),
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
  return view as unknown as ConcernDto;
}
