import { DateTime } from 'luxon';
import {
  AccessRow,
  AgencyRef,
  AgendaItemRow,
  CompilerRow,
  ConcernRow,
  ConsentRow,
  DecisionRow,
  EmergencyShareRow,
  FollowUpRow,
  LegalHoldRow,
  LinkRow,
  ReferralNoteRow,
  ReferralRow,
  SubjectRow,
} from './access-requests.repository';
import {
  ACCESS_LOG_NAMES_SELF_REGULATED_STAFF,
  LINK_DESCRIPTION,
  PackageLanguage,
  SELF_REGULATED_AGENCY_KINDS,
  WithheldType,
} from './access-package-vocabulary';
import {
  AccessPackageDto,
  PackageAgencyDto,
  PackageCountsDto,
  PackageRecipientDto,
  PackageWithheldDto,
} from './dto/access-package.dto';

/** Everything read about one subject, in one transaction, for their package. */
export interface PackageSources {
  generatedAt: Date;
  purpose: string;
  language: PackageLanguage;
  compiler: CompilerRow;
  subject: SubjectRow;
  concerns: ConcernRow[];
  referrals: ReferralRow[];
  emergencyShares: EmergencyShareRow[];
  notes: ReferralNoteRow[];
  consents: ConsentRow[];
  agendaItems: AgendaItemRow[];
  decisions: DecisionRow[];
  followUps: FollowUpRow[];
  legalHolds: LegalHoldRow[];
  links: LinkRow[];
  accesses: AccessRow[];
}

/** Held by an agency under its own regime (police, health): listed with whom to ask, not disclosed. */
export function heldElsewhere(agency: Pick<AgencyRef, 'kind'>): boolean {
  return SELF_REGULATED_AGENCY_KINDS.includes(agency.kind);
}

const iso = (date: Date) => date.toISOString();
const isoOrNull = (date: Date | null) => (date ? date.toISOString() : null);
const agency = (ref: AgencyRef): PackageAgencyDto => ({ id: ref.id, name: ref.name, kind: ref.kind });

/** The month (YYYY-MM) a time falls in, in the district's time zone. */
export function monthOf(date: Date, timeZone: string): string {
  return DateTime.fromJSDate(date, { zone: timeZone }).toFormat('yyyy-MM');
}

/**
 * The package (pure): the subject's records, those held by the police or health listed with the
 * agency to ask instead of disclosed, links to other subjects without who they are, and the
 * access log with a summary of its recipients by agency.
 */
export function buildAccessPackage(sources: PackageSources): AccessPackageDto {
  const { subject } = sources;
  const zone = subject.district.timeZone;
  const withheld: PackageWithheldDto[] = [];
  const hold = (type: WithheldType, id: string, by: AgencyRef, made: Date) =>
    withheld.push({ type, id, heldBy: agency(by), since: monthOf(made, zone), ask: by.name });

  const concerns = sources.concerns.flatMap((concern) => {
    if (heldElsewhere(concern.owningAgency)) {
      hold('concern', concern.id, concern.owningAgency, concern.createdAt);
      return [];
    }
    return [
      {
        id: concern.id,
        category: concern.category,
        riskLevel: concern.riskLevel,
        status: concern.status,
        source: concern.source,
        classification: concern.classification,
        narrative: concern.narrative,
        triage: concern.triageOutcome
          ? { outcome: concern.triageOutcome, note: concern.triageNote, at: isoOrNull(concern.triagedAt) }
          : null,
        owningAgency: agency(concern.owningAgency),
        createdAt: iso(concern.createdAt),
        updatedAt: iso(concern.updatedAt),
      },
    ];
  });

  const heldReferrals = new Set(
    sources.referrals.filter((referral) => heldElsewhere(referral.toAgency)).map((referral) => referral.id),
  );
  const notesOf = new Map<string, AccessPackageDto['referrals'][number]['notes']>();
  for (const note of sources.notes) {
    if (heldReferrals.has(note.referralId)) continue; // held with its referral, listed once below
    if (heldElsewhere(note.authorAgency)) {
      hold('referral_note', note.id, note.authorAgency, note.createdAt);
      continue;
    }
    const notes = notesOf.get(note.referralId) ?? [];
    notes.push({
      id: note.id,
      text: note.text,
      authorAgency: agency(note.authorAgency),
      createdAt: iso(note.createdAt),
    });
    notesOf.set(note.referralId, notes);
  }
  const referrals = sources.referrals.map((referral) => {
    const held = heldReferrals.has(referral.id);
    if (held) hold('referral', referral.id, referral.toAgency, referral.createdAt);
    return {
      id: referral.id,
      concernId: referral.concernId,
      toAgency: agency(referral.toAgency),
      programme: referral.programme,
      legalBasis: referral.legalBasis,
      consentId: referral.consentId,
      status: referral.status,
      reason: referral.reason,
      outcome: held ? null : referral.outcome,
      outcomeNote: held ? null : referral.outcomeNote,
      declineReason: held ? null : referral.declineReason,
      reviewDate: referral.reviewDate,
      heldByRecipient: held,
      notes: held ? [] : (notesOf.get(referral.id) ?? []),
      createdAt: iso(referral.createdAt),
      updatedAt: iso(referral.updatedAt),
    };
  });

  const referralAgency = new Map(sources.referrals.map((referral) => [referral.id, referral.toAgency]));
  // The forum's items about a case the police or health hold would say what that case is: held with it.
  const heldConcernAgency = new Map(
    sources.concerns
      .filter((concern) => heldElsewhere(concern.owningAgency))
      .map((concern) => [concern.id, concern.owningAgency]),
  );
  const itemHeldBy = (item: { concernId: string | null; referralId: string | null }) =>
    (item.concernId ? heldConcernAgency.get(item.concernId) : undefined) ??
    (item.referralId && heldReferrals.has(item.referralId) ? referralAgency.get(item.referralId) : undefined);
  const heldItemAgency = new Map(
    sources.agendaItems.flatMap((item) => {
      const by = itemHeldBy(item);
      return by ? [[item.id, by] as const] : [];
    }),
  );
  const heldMinuteAgency = new Map(
    sources.decisions.flatMap((decision) => {
      const by = heldItemAgency.get(decision.agendaItemId);
      return by ? [[decision.id, by] as const] : [];
    }),
  );
  const followUps = sources.followUps.flatMap((followUp) => {
    const heldBy =
      (followUp.referralId && heldReferrals.has(followUp.referralId)
        ? referralAgency.get(followUp.referralId)
        : undefined) ?? (followUp.minuteId ? heldMinuteAgency.get(followUp.minuteId) : undefined);
    if (heldBy) {
      hold('follow_up', followUp.id, heldBy, followUp.createdAt);
      return [];
    }
    return [
      {
        id: followUp.id,
        kind: followUp.kind,
        referralId: followUp.referralId,
        text: followUp.text,
        dueAt: iso(followUp.dueAt),
        state: followUp.state,
        closedAt: isoOrNull(followUp.closedAt),
        createdAt: iso(followUp.createdAt),
      },
    ];
  });

  const decisionsOf = new Map<string, AccessPackageDto['agendaItems'][number]['decisions']>();
  for (const decision of sources.decisions) {
    if (heldMinuteAgency.has(decision.id)) continue; // held with its item, listed once below
    const decisions = decisionsOf.get(decision.agendaItemId) ?? [];
    decisions.push({ decision: decision.decision, recordedAt: iso(decision.recordedAt) });
    decisionsOf.set(decision.agendaItemId, decisions);
  }
  const agendaItemOf = (item: AgendaItemRow) => ({
    id: item.id,
    meeting: { id: item.meetingId, kind: item.meetingKind, startsAt: iso(item.meetingStartsAt) },
    section: item.section,
    title: item.title,
    concernId: item.concernId,
    referralId: item.referralId,
    followUpId: item.followUpId,
    decisions: decisionsOf.get(item.id) ?? [],
  });
  const agendaItems = sources.agendaItems.flatMap((item) => {
    const heldBy = heldItemAgency.get(item.id);
    if (heldBy) {
      hold('agenda_item', item.id, heldBy, item.meetingStartsAt);
      return [];
    }
    return [agendaItemOf(item)];
  });

  const accessLog = sources.accesses.map((access) => ({
    occurredAt: iso(access.occurredAt),
    actor: {
      name: nameShown(access),
      roles: access.actorRoles,
      agency: access.actorAgency ? agency(access.actorAgency) : null,
    },
    action: access.action,
    resourceType: access.resourceType,
    purpose: access.purpose,
    outcome: access.outcome,
  }));

  const counts: PackageCountsDto = {
    concerns: concerns.length,
    referrals: referrals.length,
    emergencyShares: sources.emergencyShares.length,
    referralNotes: referrals.reduce((sum, referral) => sum + referral.notes.length, 0),
    consents: sources.consents.length,
    agendaItems: agendaItems.length,
    decisions: sources.decisions.length - heldMinuteAgency.size,
    followUps: followUps.length,
    legalHolds: sources.legalHolds.length,
    links: sources.links.length,
    withheld: withheld.length,
    accesses: accessLog.length,
  };

  return {
    generatedAt: iso(sources.generatedAt),
    purpose: sources.purpose,
    language: sources.language,
    timeZone: zone,
    compiledBy: { name: sources.compiler.name, agency: agency(sources.compiler.agency) },
    subject: {
      id: subject.id,
      pseudonym: subject.pseudonym,
      fullName: subject.fullName,
      dateOfBirth: subject.dateOfBirth,
      birthYear: subject.birthYear,
      anonymised: subject.anonymisedAt !== null,
      anonymisedAt: isoOrNull(subject.anonymisedAt),
      district: { id: subject.district.id, name: subject.district.name },
      createdAt: iso(subject.createdAt),
    },
    concerns,
    referrals,
    // A disclosure too: to whom, when and on which basis (the police's own records of it are theirs).
    emergencyShares: sources.emergencyShares.map((share) => ({
      concernId: share.concernId,
      agency: agency(share.agency),
      legalBasis: share.legalBasis,
      sharedAt: iso(share.createdAt),
    })),
    consents: sources.consents.map((consent) => ({
      id: consent.id,
      givenBy: consent.givenBy,
      guardianName: consent.guardianName,
      agencies: consent.agencies.map(agency),
      purpose: consent.purpose,
      givenAt: iso(consent.givenAt),
      validUntil: isoOrNull(consent.validUntil),
      withdrawnAt: isoOrNull(consent.withdrawnAt),
    })),
    agendaItems,
    followUps,
    legalHolds: sources.legalHolds.map((legalHold) => ({
      id: legalHold.id,
      reason: legalHold.reason,
      placedAt: iso(legalHold.placedAt),
      until: iso(legalHold.until),
      liftedAt: isoOrNull(legalHold.liftedAt),
      active: legalHold.liftedAt === null && legalHold.until.getTime() > sources.generatedAt.getTime(),
    })),
    links: sources.links.map((link) => ({
      description: LINK_DESCRIPTION,
      createdMonth: monthOf(link.createdAt, zone),
      removedMonth: link.removedAt ? monthOf(link.removedAt, zone) : null,
    })),
    withheld,
    accessLog,
    recipients: recipientsOf(sources.accesses),
    counts,
  };
}

/** The reader's name, unless they read for the police or health and the log is set to leave those names out. */
function nameShown(access: AccessRow): string | null {
  if (ACCESS_LOG_NAMES_SELF_REGULATED_STAFF || !access.actorAgency) return access.actorName;
  return heldElsewhere(access.actorAgency) ? null : access.actorName;
}

/** The allowed accesses by the agency the reader acted for (the system's own last), most first. */
export function recipientsOf(accesses: AccessRow[]): PackageRecipientDto[] {
  const byAgency = new Map<string, PackageRecipientDto>();
  for (const access of accesses) {
    if (access.outcome !== 'allowed') continue;
    const key = access.actorAgency?.id ?? '';
    const seen = byAgency.get(key);
    if (seen) {
      seen.accesses += 1;
      seen.lastAt = iso(access.occurredAt);
    } else {
      byAgency.set(key, {
        agency: access.actorAgency ? agency(access.actorAgency) : null,
        accesses: 1,
        firstAt: iso(access.occurredAt),
        lastAt: iso(access.occurredAt),
      });
    }
  }
  return [...byAgency.values()].sort(
    (a, b) =>
      Number(a.agency === null) - Number(b.agency === null) ||
      b.accesses - a.accesses ||
      (a.agency?.name ?? '').localeCompare(b.agency?.name ?? ''),
  );
}

/** How many records and accesses a package holds in all: the sum of its counts. */
export function recordCount(counts: PackageCountsDto): number {
  return (Object.keys(counts) as (keyof PackageCountsDto)[]).reduce((sum, key) => sum + counts[key], 0);
}
