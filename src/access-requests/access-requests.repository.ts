import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { DummyValue, GenerateSql } from '../database/generate-sql';
import type { AgencyKind } from '../agencies/agency-kind';

/** An agency as the package names it: who holds a record, who read one, whom to ask. */
export interface AgencyRef {
  id: string;
  name: string;
  kind: AgencyKind;
}

export interface SubjectRow {
  id: string;
  pseudonym: string;
  /** Null once the subject is anonymised. */
  fullName: string | null;
  /** Null once the subject is anonymised; the birth year stays. */
  dateOfBirth: string | null;
  birthYear: number | null;
  anonymisedAt: Date | null;
  createdAt: Date;
  district: { id: string; name: string; timeZone: string };
}

export interface CompilerRow {
  name: string;
  agency: AgencyRef;
}

export interface ConcernRow {
  id: string;
  category: string;
  riskLevel: string;
  status: string;
  source: string;
  classification: string;
  narrative: string;
  triageOutcome: string | null;
  triageNote: string | null;
  triagedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
  owningAgency: AgencyRef;
}

export interface ReferralRow {
  id: string;
  concernId: string;
  toAgency: AgencyRef;
  programme: string | null;
  legalBasis: string;
  consentId: string | null;
  status: string;
  outcome: string | null;
  outcomeNote: string | null;
  reason: string;
  declineReason: string | null;
  reviewDate: string;
  createdAt: Date;
  updatedAt: Date;
}

/** A concern opened to the district's emergency police agency at immediate danger (not a referral). */
export interface EmergencyShareRow {
  id: string;
  concernId: string;
  agency: AgencyRef;
  legalBasis: string;
  createdAt: Date;
}

export interface ReferralNoteRow {
  id: string;
  referralId: string;
  text: string;
  createdAt: Date;
  authorAgency: AgencyRef;
}

export interface ConsentRow {
  id: string;
  givenBy: string;
  guardianName: string | null;
  agencies: AgencyRef[];
  purpose: string;
  givenAt: Date;
  validUntil: Date | null;
  withdrawnAt: Date | null;
}

export interface FollowUpRow {
  id: string;
  kind: string;
  referralId: string | null;
  minuteId: string | null;
  text: string;
  dueAt: Date;
  state: string;
  closedAt: Date | null;
  createdAt: Date;
}

export interface AgendaItemRow {
  id: string;
  meetingId: string;
  meetingKind: string;
  meetingStartsAt: Date;
  meetingTimeZone: string;
  section: string;
  title: string | null;
  concernId: string | null;
  referralId: string | null;
  followUpId: string | null;
}

export interface DecisionRow {
  id: string;
  agendaItemId: string;
  decision: string;
  recordedAt: Date;
}

export interface LegalHoldRow {
  id: string;
  reason: string;
  placedAt: Date;
  until: Date;
  liftedAt: Date | null;
}

export interface LinkRow {
  id: string;
  createdAt: Date;
  removedAt: Date | null;
}

export interface AccessRow {
  id: string;
  occurredAt: Date;
  actorName: string | null;
  actorRoles: string[];
  actorAgency: AgencyRef | null;
  action: string;
  resourceType: string;
  purpose: string | null;
  outcome: string;
}

/** The columns of an agency joined as `alias`, for `agencyOf`. */
const agencyColumns = (alias: string, prefix: string) =>
  `"${alias}"."id" AS "${prefix}_id", "${alias}"."name" AS "${prefix}_name", "${alias}"."kind" AS "${prefix}_kind"`;

type Raw = Record<string, unknown>;
const agencyOf = (row: Raw, prefix: string): AgencyRef => ({
  id: row[`${prefix}_id`] as string,
  name: row[`${prefix}_name`] as string,
  kind: row[`${prefix}_kind`] as AgencyKind,
});

/**
 * Every query of a subject's access package: what Samvirke holds about one person, read whole,
 * by the subject's id and never through the caller's read rules (the service has checked that a
 * coordinator of the subject's district asks). Nothing here reads another subject's records:
 * each query is bound to the subject, or to ids of that subject's own records.
 */
@Injectable()
export class AccessRequestsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Runs `work` in one transaction. */
  transaction<T>(work: (tx: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  /** The subject with their district's name and time zone; null when there is no such subject. */
  @GenerateSql({ params: [DummyValue.tx, DummyValue.UUID] })
  async subject(tx: EntityManager, subjectId: string): Promise<SubjectRow | null> {
    const [row]: Raw[] = await tx.query(
      `SELECT s.id, s.pseudonym, s.full_name, s.date_of_birth::text AS date_of_birth, s.birth_year, s.anonymised_at,
              s.created_at,
              d.id AS district_id, d.name AS district_name, d.time_zone AS district_time_zone
         FROM subjects s JOIN districts d ON d.id = s.district_id
        WHERE s.id = $1`,
      [subjectId],
    );
    if (!row) return null;
    return {
      id: row.id as string,
      pseudonym: row.pseudonym as string,
      fullName: (row.full_name as string | null) ?? null,
      dateOfBirth: (row.date_of_birth as string | null) ?? null,
      birthYear: (row.birth_year as number | null) ?? null,
      anonymisedAt: (row.anonymised_at as Date | null) ?? null,
      createdAt: row.created_at as Date,
      district: {
        id: row.district_id as string,
        name: row.district_name as string,
        timeZone: row.district_time_zone as string,
      },
    };
  }

  /** Who compiles the package: their name and agency, printed on it. */
  @GenerateSql({ params: [DummyValue.tx, DummyValue.UUID] })
  async compiler(tx: EntityManager, userId: string): Promise<CompilerRow> {
    const [row]: Raw[] = await tx.query(
      `SELECT u.name, ${agencyColumns('a', 'agency')}
         FROM users u JOIN agencies a ON a.id = u.agency_id
        WHERE u.id = $1`,
      [userId],
    );
    return { name: row.name as string, agency: agencyOf(row, 'agency') };
  }

  /** Every concern about the subject, oldest first, with its owning agency. */
  @GenerateSql({ params: [DummyValue.tx, DummyValue.UUID] })
  async concerns(tx: EntityManager, subjectId: string): Promise<ConcernRow[]> {
    const rows: Raw[] = await tx.query(
      `SELECT c.id, c.category, c.risk_level, c.status, c.source, c.classification, c.narrative,
              c.triage_outcome, c.triage_note, c.triaged_at, c.created_at, c.updated_at, ${agencyColumns('a', 'owner')}
         FROM concerns c JOIN agencies a ON a.id = c.owning_agency_id
        WHERE c.subject_id = $1
        ORDER BY c.created_at, c.id`,
      [subjectId],
    );
    return rows.map((row) => ({
      id: row.id as string,
      category: row.category as string,
      riskLevel: row.risk_level as string,
      status: row.status as string,
      source: row.source as string,
      classification: row.classification as string,
      narrative: row.narrative as string,
      triageOutcome: row.triage_outcome as string | null,
      triageNote: row.triage_note as string | null,
      triagedAt: row.triaged_at as Date | null,
      createdAt: row.created_at as Date,
      updatedAt: row.updated_at as Date,
      owningAgency: agencyOf(row, 'owner'),
    }));
  }

  /** Every referral of the subject's concerns, oldest first, with the agency it went to. */
  @GenerateSql({ params: [DummyValue.tx, DummyValue.UUID] })
  async referrals(tx: EntityManager, subjectId: string): Promise<ReferralRow[]> {
    const rows: Raw[] = await tx.query(
      `SELECT r.id, r.concern_id, r.programme, r.legal_basis, r.consent_id, r.status, r.outcome, r.outcome_note,
              r.reason, r.decline_reason, r.review_date::text AS review_date, r.created_at, r.updated_at,
              ${agencyColumns('a', 'to')}
         FROM referrals r JOIN agencies a ON a.id = r.to_agency_id
        WHERE r.subject_id = $1
        ORDER BY r.created_at, r.id`,
      [subjectId],
    );
    return rows.map((row) => ({
      id: row.id as string,
      concernId: row.concern_id as string,
      toAgency: agencyOf(row, 'to'),
      programme: row.programme as string | null,
      legalBasis: row.legal_basis as string,
      consentId: row.consent_id as string | null,
      status: row.status as string,
      outcome: row.outcome as string | null,
      outcomeNote: row.outcome_note as string | null,
      reason: row.reason as string,
      declineReason: row.decline_reason as string | null,
      reviewDate: row.review_date as string,
      createdAt: row.created_at as Date,
      updatedAt: row.updated_at as Date,
    }));
  }

  /** The emergency shares of the given concerns (the subject's), oldest first, with the agency each opened them to. */
  @GenerateSql({ params: [DummyValue.tx, DummyValue.UUID_SET] })
  async emergencyShares(tx: EntityManager, concernIds: string[]): Promise<EmergencyShareRow[]> {
    if (concernIds.length === 0) return [];
    const rows: Raw[] = await tx.query(
      `SELECT e.id, e.concern_id, e.legal_basis, e.created_at, ${agencyColumns('a', 'agency')}
         FROM emergency_shares e JOIN agencies a ON a.id = e.agency_id
        WHERE e.concern_id = ANY($1)
        ORDER BY e.created_at, e.id`,
      [concernIds],
    );
    return rows.map((row) => ({
      id: row.id as string,
      concernId: row.concern_id as string,
      agency: agencyOf(row, 'agency'),
      legalBasis: row.legal_basis as string,
      createdAt: row.created_at as Date,
    }));
  }

  /** The case notes on the given referrals (the subject's), oldest first, with the agency that wrote each. */
  @GenerateSql({ params: [DummyValue.tx, DummyValue.UUID_SET] })
  async referralNotes(tx: EntityManager, referralIds: string[]): Promise<ReferralNoteRow[]> {
    if (referralIds.length === 0) return [];
    const rows: Raw[] = await tx.query(
      `SELECT n.id, n.referral_id, n.text, n.created_at, ${agencyColumns('a', 'author')}
         FROM referral_notes n JOIN agencies a ON a.id = n.author_agency_id
        WHERE n.referral_id = ANY($1)
        ORDER BY n.created_at, n.id`,
      [referralIds],
    );
    return rows.map((row) => ({
      id: row.id as string,
      referralId: row.referral_id as string,
      text: row.text as string,
      createdAt: row.created_at as Date,
      authorAgency: agencyOf(row, 'author'),
    }));
  }

  /** Every consent about the subject, oldest first, with the agencies it names. */
  @GenerateSql({ params: [DummyValue.tx, DummyValue.UUID] })
  async consents(tx: EntityManager, subjectId: string): Promise<ConsentRow[]> {
    const rows: Raw[] = await tx.query(
      `SELECT c.id, c.given_by, c.guardian_name, c.purpose, c.given_at, c.valid_until, c.withdrawn_at,
              coalesce((SELECT json_agg(json_build_object('id', a.id, 'name', a.name, 'kind', a.kind) ORDER BY a.name)
                          FROM agencies a WHERE a.id = ANY(c.agency_ids)), '[]') AS agencies
         FROM consents c
        WHERE c.subject_id = $1
        ORDER BY c.given_at, c.id`,
      [subjectId],
    );
    return rows.map((row) => ({
      id: row.id as string,
      givenBy: row.given_by as string,
      guardianName: row.guardian_name as string | null,
      agencies: row.agencies as AgencyRef[],
      purpose: row.purpose as string,
      givenAt: row.given_at as Date,
      validUntil: row.valid_until as Date | null,
      withdrawnAt: row.withdrawn_at as Date | null,
    }));
  }

  /**
   * The follow-ups on the given referrals, and the action items the given decisions set (both the
   * subject's own), by due time.
   */
  @GenerateSql({ params: [DummyValue.tx, DummyValue.UUID_SET, DummyValue.UUID_SET] })
  async followUps(tx: EntityManager, referralIds: string[], minuteIds: string[]): Promise<FollowUpRow[]> {
    if (referralIds.length === 0 && minuteIds.length === 0) return [];
    const rows: Raw[] = await tx.query(
      `SELECT f.id, f.kind, f.referral_id, f.minute_id, f.text, f.due_at, f.state, f.closed_at, f.created_at
         FROM follow_ups f
        WHERE f.referral_id = ANY($1) OR f.minute_id = ANY($2)
        ORDER BY f.due_at, f.id`,
      [referralIds, minuteIds],
    );
    return rows.map((row) => ({
      id: row.id as string,
      kind: row.kind as string,
      referralId: row.referral_id as string | null,
      minuteId: row.minute_id as string | null,
      text: row.text as string,
      dueAt: row.due_at as Date,
      state: row.state as string,
      closedAt: row.closed_at as Date | null,
      createdAt: row.created_at as Date,
    }));
  }

  /**
   * The agenda items about the subject's concerns, referrals or their follow-ups, by meeting date;
   * an item about anyone else, or about no case, is not read.
   */
  @GenerateSql({ params: [DummyValue.tx, DummyValue.UUID_SET, DummyValue.UUID_SET, DummyValue.UUID_SET] })
  async agendaItems(
    tx: EntityManager,
    concernIds: string[],
    referralIds: string[],
    followUpIds: string[],
  ): Promise<AgendaItemRow[]> {
    if (concernIds.length + referralIds.length + followUpIds.length === 0) return [];
    const rows: Raw[] = await tx.query(
      `SELECT i.id, i.meeting_id, m.kind AS meeting_kind, m.starts_at AS meeting_starts_at,
              m.time_zone AS meeting_time_zone, i.section, i.title, i.concern_id, i.referral_id, i.follow_up_id
         FROM agenda_items i JOIN meetings m ON m.id = i.meeting_id
        WHERE i.concern_id = ANY($1) OR i.referral_id = ANY($2) OR i.follow_up_id = ANY($3)
        ORDER BY m.starts_at, i.section, i.position, i.id`,
      [concernIds, referralIds, followUpIds],
    );
    return rows.map((row) => ({
      id: row.id as string,
      meetingId: row.meeting_id as string,
      meetingKind: row.meeting_kind as string,
      meetingStartsAt: row.meeting_starts_at as Date,
      meetingTimeZone: row.meeting_time_zone as string,
      section: row.section as string,
      title: row.title as string | null,
      concernId: row.concern_id as string | null,
      referralId: row.referral_id as string | null,
      followUpId: row.follow_up_id as string | null,
    }));
  }

  /** The decisions the minutes record on the given agenda items (the subject's), oldest first. */
  @GenerateSql({ params: [DummyValue.tx, DummyValue.UUID_SET] })
  async decisions(tx: EntityManager, agendaItemIds: string[]): Promise<DecisionRow[]> {
    if (agendaItemIds.length === 0) return [];
    const rows: Raw[] = await tx.query(
      `SELECT m.id, m.agenda_item_id, m.decision, m.recorded_at
         FROM meeting_minutes m
        WHERE m.agenda_item_id = ANY($1)
        ORDER BY m.recorded_at, m.position, m.id`,
      [agendaItemIds],
    );
    return rows.map((row) => ({
      id: row.id as string,
      agendaItemId: row.agenda_item_id as string,
      decision: row.decision as string,
      recordedAt: row.recorded_at as Date,
    }));
  }

  /** The legal holds placed on the subject, oldest first. */
  @GenerateSql({ params: [DummyValue.tx, DummyValue.UUID] })
  async legalHolds(tx: EntityManager, subjectId: string): Promise<LegalHoldRow[]> {
    const rows: Raw[] = await tx.query(
      `SELECT h.id, h.reason, h.placed_at, h.until, h.lifted_at
         FROM legal_holds h
        WHERE h.subject_id = $1
        ORDER BY h.placed_at, h.id`,
      [subjectId],
    );
    return rows.map((row) => ({
      id: row.id as string,
      reason: row.reason as string,
      placedAt: row.placed_at as Date,
      until: row.until as Date,
      liftedAt: row.lifted_at as Date | null,
    }));
  }

  /**
   * The links between the subject and other subjects, oldest first: only when each was made and
   * removed, never the other subject or the coordinator's note, which are about someone else.
   */
  @GenerateSql({ params: [DummyValue.tx, DummyValue.UUID] })
  async links(tx: EntityManager, subjectId: string): Promise<LinkRow[]> {
    const rows: Raw[] = await tx.query(
      `SELECT l.id, l.created_at, l.removed_at
         FROM subject_links l
        WHERE l.subject_id = $1 OR l.other_subject_id = $1
        ORDER BY l.created_at, l.id`,
      [subjectId],
    );
    return rows.map((row) => ({
      id: row.id as string,
      createdAt: row.created_at as Date,
      removedAt: row.removed_at as Date | null,
    }));
  }

  /**
   * Every event of the audit trail about the subject, oldest first: who (name, roles, and the
   * agency they acted for), what, on which basis, and whether it was allowed.
   */
  @GenerateSql({ params: [DummyValue.tx, DummyValue.UUID] })
  async accessLog(tx: EntityManager, subjectId: string): Promise<AccessRow[]> {
    const rows: Raw[] = await tx.query(
      `SELECT e.id, e.occurred_at, u.name AS actor_name, e.actor_roles, e.action, e.resource_type, e.purpose,
              e.outcome, ${agencyColumns('a', 'agency')}
         FROM audit_events e
         LEFT JOIN users u ON u.id = e.actor_id
         LEFT JOIN agencies a ON a.id = e.actor_agency_id
        WHERE e.subject_id = $1
        ORDER BY e.occurred_at, e.id`,
      [subjectId],
    );
    return rows.map((row) => ({
      id: row.id as string,
      occurredAt: row.occurred_at as Date,
      actorName: row.actor_name as string | null,
      actorRoles: row.actor_roles as string[],
      actorAgency: row.agency_id ? agencyOf(row, 'agency') : null,
      action: row.action as string,
      resourceType: row.resource_type as string,
      purpose: row.purpose as string | null,
      outcome: row.outcome as string,
    }));
  }
}
