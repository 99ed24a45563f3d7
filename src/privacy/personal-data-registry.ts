/**
 * Every column of every table, classified once: what personal data it holds, how sensitive it is, whose it is,
 * and which retention rule erases or anonymises it. `test/e2e/records-of-processing` holds this against the
 * migrated schema (a column missing here, or listed here but absent there, fails it), and
 * `docs/records-of-processing.md` is written from it.
 *
 * A column is personal when, alone or with its row, it says something about a person: a name, a text written about
 * a case, a fact of a child's case, an id that points at a person, a credential, a record of what someone did. The
 * row's own key, keys of records that are not people (agencies, districts, other case rows), versions and
 * bookkeeping times are `none`.
 */

/** What kind of personal data a column holds. */
export const DATA_KINDS = [
  'identity',
  'contact',
  'date_of_birth',
  'special_category_narrative',
  'case_facts',
  'pseudonym',
  'person_reference',
  'account',
  'credential',
  'activity_record',
] as const;
export type DataKind = (typeof DATA_KINDS)[number];

/**
 * `special_category`: data of GDPR Article 9 (health, political, religious or philosophical beliefs) or Article 10
 * (criminal offences). `sensitive`: not of those articles, but harmful if it escapes — a child's identity in a
 * register of concerns, credentials, who looked at whose record. `ordinary`: the rest.
 */
export const SENSITIVITIES = ['ordinary', 'sensitive', 'special_category'] as const;
export type Sensitivity = (typeof SENSITIVITIES)[number];

/** Whose data it is: the child or young person a concern is about, a guardian, or a member of staff. */
export const DATA_SUBJECTS = ['child', 'guardian', 'staff'] as const;
export type DataSubject = (typeof DATA_SUBJECTS)[number];

/**
 * The retention rules: the vocabulary the retention job (`src/retention/`, daily, and erasure on request through
 * the same anonymiser) applies, column by column.
 * - `subject_anonymisation`: a subject's identity (name, name key, date of birth, a guardian's name) is erased
 *   once every case record about them is past its period (`src/privacy/retention-periods.ts`), and links to other
 *   subjects are deleted; the birth year and the pseudonym stay, and ids pointing at the subject are kept and then
 *   point at an anonymous row.
 * - `concern_narrative_erasure`: free text written about a case (narratives, notes, reasons, decisions, agenda
 *   titles, a legal hold's reasons) is erased in the same transaction.
 * - `kept_for_statistics`: structured facts of a case (category, risk, status, outcome) outlive the
 *   anonymisation, identifying no one, for the city's statistics; its dates are truncated to the month.
 * - `kept_in_audit_trail`: part of the accountability record, kept `AUDIT_RETENTION_MONTHS` and dropped by whole
 *   months (never shorter than the case records).
 * - `account_lifecycle`: a member of staff's account data, kept while the account exists and anonymised once a
 *   deactivated account is no longer needed to explain the case records and the audit trail.
 * - `session_expiry`: sign-in records, deleted once the session or lockout window they serve has lapsed.
 * - `export_expiry`: the file of an auditor's export of the trail, removed `AUDIT_EXPORT_KEEP_DAYS` after it is
 *   ready (the record of the export itself stays with the audit trail).
 */
export const RETENTION_RULES = [
  'subject_anonymisation',
  'concern_narrative_erasure',
  'kept_for_statistics',
  'kept_in_audit_trail',
  'account_lifecycle',
  'session_expiry',
  'export_expiry',
] as const;
export type RetentionRule = (typeof RETENTION_RULES)[number];

export interface PersonalColumn {
  kind: DataKind;
  sensitivity: Sensitivity;
  about: DataSubject;
  retention: RetentionRule;
}

export interface TableClassification {
  /** Columns holding personal data. */
  personal: Record<string, PersonalColumn>;
  /** Columns holding none. */
  none: readonly string[];
}

const column = (
  kind: DataKind,
  sensitivity: Sensitivity,
  about: DataSubject,
  retention: RetentionRule,
): PersonalColumn => ({ kind, sensitivity, about, retention });

/** Shapes that recur. */
const subjectRef = column('person_reference', 'sensitive', 'child', 'subject_anonymisation');
const staffRef = column('person_reference', 'ordinary', 'staff', 'account_lifecycle');
const narrative = column('special_category_narrative', 'special_category', 'child', 'concern_narrative_erasure');
const caseFact = column('case_facts', 'sensitive', 'child', 'kept_for_statistics');
const auditRecord = column('activity_record', 'sensitive', 'staff', 'kept_in_audit_trail');
const signIn = column('activity_record', 'ordinary', 'staff', 'session_expiry');

/** Every table of the public schema but TypeORM's `migrations`; a partitioned table stands for its partitions. */
export const PERSONAL_DATA_REGISTRY: Record<string, TableClassification> = {
  subjects: {
    personal: {
      id: subjectRef,
      pseudonym: column('pseudonym', 'ordinary', 'child', 'kept_in_audit_trail'),
      full_name: column('identity', 'sensitive', 'child', 'subject_anonymisation'),
      name_key: column('identity', 'sensitive', 'child', 'subject_anonymisation'),
      date_of_birth: column('date_of_birth', 'sensitive', 'child', 'subject_anonymisation'),
      birth_year: caseFact,
      anonymised_at: caseFact,
      district_id: column('case_facts', 'ordinary', 'child', 'kept_for_statistics'),
      created_at: caseFact,
      created_by_id: staffRef,
    },
    none: ['created_by_agency_id'],
  },
  subject_links: {
    personal: {
      subject_id: subjectRef,
      other_subject_id: subjectRef,
      note: narrative,
      created_by_id: staffRef,
      removed_by_id: staffRef,
    },
    none: ['id', 'created_at', 'removed_at'],
  },
  concerns: {
    personal: {
      subject_id: subjectRef,
      category: column('case_facts', 'special_category', 'child', 'kept_for_statistics'),
      narrative,
      source: caseFact,
      risk_level: caseFact,
      reporter_id: staffRef,
      status: caseFact,
      triage_outcome: caseFact,
      triage_note: narrative,
      triaged_by_id: staffRef,
      triaged_at: caseFact,
      created_at: caseFact,
      referred_on_vital_interest: caseFact,
    },
    none: ['id', 'classification', 'owning_agency_id', 'district_id', 'version', 'updated_at'],
  },
  emergency_shares: {
    personal: { legal_basis: caseFact, raised_by_id: staffRef, created_at: caseFact },
    none: ['id', 'concern_id', 'agency_id'],
  },
  consents: {
    personal: {
      subject_id: subjectRef,
      given_by: caseFact,
      guardian_name: column('identity', 'sensitive', 'guardian', 'subject_anonymisation'),
      agency_ids: caseFact,
      purpose: narrative,
      given_at: caseFact,
      valid_until: caseFact,
      withdrawn_at: caseFact,
      withdrawn_by_id: staffRef,
      recorded_by_id: staffRef,
    },
    none: ['id', 'district_id', 'created_at'],
  },
  referrals: {
    personal: {
      subject_id: subjectRef,
      to_agency_id: caseFact,
      programme: caseFact,
      legal_basis: caseFact,
      reason: narrative,
      review_date: caseFact,
      status: caseFact,
      case_worker_id: staffRef,
      decline_reason: narrative,
      outcome: caseFact,
      outcome_note: narrative,
      created_by_id: staffRef,
      created_at: caseFact,
      ended_at: caseFact,
      seen_at: caseFact,
      seen_by_id: staffRef,
      unseen_flagged_at: caseFact,
    },
    none: ['id', 'concern_id', 'district_id', 'consent_id', 'version', 'updated_at', 'concern_created_at'],
  },
  referral_notes: {
    personal: { author_id: staffRef, text: narrative },
    none: ['id', 'referral_id', 'author_agency_id', 'created_at'],
  },
  follow_ups: {
    personal: { owner_id: staffRef, text: narrative, created_by_id: staffRef },
    none: [
      'id',
      'kind',
      'referral_id',
      'due_at',
      'state',
      'created_at',
      'district_id',
      'remind_at',
      'escalation_level',
      'closed_at',
      'version',
      'minute_id',
    ],
  },
  legal_holds: {
    personal: {
      subject_id: subjectRef,
      reason: narrative,
      placed_by_id: staffRef,
      placed_at: caseFact,
      until: caseFact,
      lifted_at: caseFact,
      lifted_by_id: staffRef,
      lift_reason: narrative,
    },
    none: ['id', 'district_id', 'placed_by_agency_id', 'version'],
  },
  forum_series: {
    personal: { participant_ids: staffRef, created_by_id: staffRef },
    none: ['id', 'district_id', 'rule', 'time_zone', 'duration_minutes', 'location', 'created_at', 'ends_on'],
  },
  meetings: {
    personal: { created_by_id: staffRef },
    none: [
      'id',
      'district_id',
      'kind',
      'starts_at',
      'time_zone',
      'duration_minutes',
      'location',
      'series_id',
      'series_date',
      'agenda_generated_at',
      'agenda_frozen_at',
      'version',
      'created_at',
      'updated_at',
    ],
  },
  meeting_participants: {
    personal: { user_id: staffRef, attended: column('activity_record', 'ordinary', 'staff', 'account_lifecycle') },
    none: ['meeting_id'],
  },
  agenda_items: {
    personal: {
      title: narrative,
      risk_level: caseFact,
      opened_at: caseFact,
      // The case's facts at the meeting (src/meetings/agenda-facts.ts): category, risk, statuses, agencies, pseudonym —
      // no free text and no identity, so they outlive the anonymisation with the rest of the statistics.
      snapshot: column('case_facts', 'special_category', 'child', 'kept_for_statistics'),
      created_by_id: staffRef,
    },
    none: [
      'id',
      'meeting_id',
      'section',
      'source',
      'concern_id',
      'referral_id',
      'follow_up_id',
      'hand_position',
      'hand_moved_at',
      'position',
      'created_at',
    ],
  },
  meeting_minutes: {
    personal: { decision: narrative, recorded_by_id: staffRef },
    none: ['id', 'meeting_id', 'agenda_item_id', 'position', 'recorded_at'],
  },
  notifications: {
    personal: {
      recipient_user_id: staffRef,
      delivered_at: column('activity_record', 'ordinary', 'staff', 'account_lifecycle'),
      read_at: column('activity_record', 'ordinary', 'staff', 'account_lifecycle'),
    },
    none: ['id', 'recipient_agency_id', 'kind', 'urgent', 'resource_type', 'resource_id', 'created_at', 'delivery_key'],
  },
  saved_filters: {
    personal: {
      owner_id: staffRef,
      // The user's own words for a queue, shown to them alone.
      name: column('account', 'ordinary', 'staff', 'account_lifecycle'),
      last_seen_at: column('activity_record', 'ordinary', 'staff', 'account_lifecycle'),
    },
    // The query holds words of the vocabulary and district ids only: a subject cannot be saved in a filter.
    none: ['id', 'resource', 'query', 'pinned', 'created_at', 'updated_at'],
  },
  inbox_last_seen: {
    personal: {
      user_id: staffRef,
      // When a member of staff last looked at their inbox: what they did, kept while their account is.
      seen_at: column('activity_record', 'ordinary', 'staff', 'account_lifecycle'),
    },
    none: ['inbox'],
  },
  break_glass_grants: {
    personal: {
      user_id: column('person_reference', 'ordinary', 'staff', 'kept_in_audit_trail'),
      subject_id: column('person_reference', 'sensitive', 'child', 'kept_in_audit_trail'),
      reason_code: auditRecord,
      // The words go when the child is anonymised; the grant's facts stay for the audit trail.
      justification: column('special_category_narrative', 'special_category', 'child', 'concern_narrative_erasure'),
      granted_at: auditRecord,
      expires_at: auditRecord,
      reviewed_at: auditRecord,
      reviewed_by_id: column('person_reference', 'ordinary', 'staff', 'kept_in_audit_trail'),
      review_outcome: auditRecord,
      review_note: column('special_category_narrative', 'special_category', 'child', 'concern_narrative_erasure'),
    },
    none: ['id', 'agency_id', 'resource_type', 'resource_id'],
  },
  audit_events: {
    personal: {
      occurred_at: auditRecord,
      actor_id: column('person_reference', 'ordinary', 'staff', 'kept_in_audit_trail'),
      actor_roles: auditRecord,
      action: auditRecord,
      resource_id: auditRecord,
      subject_id: column('person_reference', 'sensitive', 'child', 'kept_in_audit_trail'),
      purpose: auditRecord,
      outcome: auditRecord,
      request_id: auditRecord,
      details: auditRecord,
    },
    none: ['id', 'actor_agency_id', 'resource_type', 'severity', 'content_hash'],
  },
  audit_exports: {
    personal: {
      requester_id: column('person_reference', 'ordinary', 'staff', 'kept_in_audit_trail'),
      // A search may name a subject or a person by id or pseudonym; the purpose is the auditor's own words.
      filters: auditRecord,
      purpose: auditRecord,
      created_at: auditRecord,
      // Every event the search found: who did what to whose record.
      file: column('activity_record', 'sensitive', 'staff', 'export_expiry'),
    },
    none: ['id', 'state', 'row_count', 'started_at', 'finished_at', 'expires_at'],
  },
  audit_chain: {
    personal: {},
    none: ['seq', 'event_id', 'occurred_at', 'content_hash', 'prev_hash', 'hash', 'chained_at'],
  },
  audit_checkpoints: {
    personal: {},
    none: ['id', 'seq', 'event_id', 'hash', 'sealed_at', 'key_id', 'signature'],
  },
  audit_retention: {
    personal: {},
    none: ['seq', 'hash', 'event_id', 'month', 'dropped_at'],
  },
  access_flags: {
    personal: {
      user_id: column('person_reference', 'ordinary', 'staff', 'kept_in_audit_trail'),
      kind: auditRecord,
      window_start: auditRecord,
      window_end: auditRecord,
      count: auditRecord,
    },
    // What the flag was judged by (configuration, not about anyone).
    none: ['id', 'created_at', 'threshold', 'working_hours_start', 'working_hours_end', 'time_zone'],
  },
  audit_verifications: {
    personal: {
      started_by: column('person_reference', 'ordinary', 'staff', 'kept_in_audit_trail'),
    },
    none: [
      'id',
      'state',
      'created_at',
      'started_at',
      'finished_at',
      'updated_at',
      'checked',
      'total',
      'intact',
      'first_bad_event_id',
      'problem',
      'checkpoints_external',
      'checkpoints_checked',
      'checkpoint_seq',
      'checkpoint_event_id',
      'checkpoint_hash',
      'checkpoint_sealed_at',
    ],
  },
  users: {
    personal: {
      id: staffRef,
      email: column('contact', 'ordinary', 'staff', 'account_lifecycle'),
      name: column('identity', 'ordinary', 'staff', 'account_lifecycle'),
      password_hash: column('credential', 'sensitive', 'staff', 'account_lifecycle'),
      agency_id: column('account', 'ordinary', 'staff', 'account_lifecycle'),
      roles: column('account', 'ordinary', 'staff', 'account_lifecycle'),
      active: column('account', 'ordinary', 'staff', 'account_lifecycle'),
      totp_secret_encrypted: column('credential', 'sensitive', 'staff', 'account_lifecycle'),
      totp_confirmed_at: column('account', 'ordinary', 'staff', 'account_lifecycle'),
      totp_last_step: column('credential', 'ordinary', 'staff', 'account_lifecycle'),
      locale: column('account', 'ordinary', 'staff', 'account_lifecycle'),
      created_at: column('account', 'ordinary', 'staff', 'account_lifecycle'),
    },
    none: ['updated_at'],
  },
  user_districts: {
    personal: { user_id: staffRef },
    none: ['district_id'],
  },
  sessions: {
    personal: {
      user_id: column('person_reference', 'ordinary', 'staff', 'session_expiry'),
      mfa_verified: signIn,
      created_at: signIn,
      revoked_at: signIn,
      revoked_reason: signIn,
    },
    none: ['id'],
  },
  refresh_tokens: {
    personal: { token_hash: column('credential', 'sensitive', 'staff', 'session_expiry') },
    none: ['id', 'session_id', 'created_at', 'expires_at', 'used_at'],
  },
  login_attempts: {
    personal: {
      account_key: column('pseudonym', 'ordinary', 'staff', 'session_expiry'),
      succeeded: signIn,
      attempted_at: signIn,
    },
    none: ['id'],
  },
  districts: {
    personal: {},
    none: ['id', 'name', 'created_at', 'time_zone', 'emergency_police_agency_id'],
  },
  agencies: {
    personal: {},
    none: ['id', 'name', 'kind', 'district_id', 'created_at', 'updated_at'],
  },
};

export interface RegistryMismatch {
  /** `table.column` found in the schema that the registry does not classify. */
  unclassified: string[];
  /** `table.column` the registry classifies that the schema does not have. */
  missing: string[];
  /** `table.column` listed both as personal and as none. */
  twice: string[];
}

/** Holds the registry against the schema's columns (`table.column`, partitions already folded into their table). */
export function compareWithSchema(
  registry: Record<string, TableClassification>,
  schemaColumns: readonly string[],
): RegistryMismatch {
  const classified = Object.entries(registry).flatMap(([table, { personal, none }]) =>
    [...Object.keys(personal), ...none].map((name) => `${table}.${name}`),
  );
  const inRegistry = new Set(classified);
  const inSchema = new Set(schemaColumns);
  return {
    unclassified: [...inSchema].filter((name) => !inRegistry.has(name)).sort(),
    missing: [...inRegistry].filter((name) => !inSchema.has(name)).sort(),
    twice: classified.filter((name, index) => classified.indexOf(name) !== index).sort(),
  };
}
