import { AGENCY_KINDS, AgencyKind } from '../agencies/agency-kind';
import { CONCERN_CATEGORIES, ConcernCategory } from '../concerns/concern-vocabulary';
import { CASE_RECORD_RETENTION_VARIABLES, CaseRecordRetentionVariable, Environment } from '../config/environment';
import { LEGAL_BASES, LegalBasis } from '../referrals/referral-vocabulary';
import { Role, ROLES } from '../users/role';
import {
  DATA_KINDS,
  DATA_SUBJECTS,
  DataKind,
  DataSubject,
  PERSONAL_DATA_REGISTRY,
  PersonalColumn,
  RETENTION_RULES,
  RetentionRule,
  TableClassification,
} from './personal-data-registry';
import { RETENTION_CLOCKS, retentionPeriods } from './retention-periods';

type RetentionSettings = Pick<
  Environment,
  | CaseRecordRetentionVariable
  | 'AUDIT_RETENTION_MONTHS'
  | 'SESSION_MAX_HOURS'
  | 'REFRESH_TOKEN_TTL_HOURS'
  | 'BREAK_GLASS_MINUTES'
  | 'CONSENT_SELF_AGE'
  | 'AUDIT_EXPORT_KEEP_DAYS'
>;

/** What `docs/records-of-processing.md` is written from. */
export interface RecordsOfProcessingInput {
  registry: Record<string, TableClassification>;
  vocabularies: {
    agencyKinds: readonly AgencyKind[];
    roles: readonly Role[];
    legalBases: readonly LegalBasis[];
    concernCategories: readonly ConcernCategory[];
  };
  config: RetentionSettings;
}

/** The registry, the vocabularies and the configuration's defaults. */
export function recordsOfProcessingInput(): RecordsOfProcessingInput {
  const defaults = new Environment();
  return {
    registry: PERSONAL_DATA_REGISTRY,
    vocabularies: {
      agencyKinds: AGENCY_KINDS,
      roles: ROLES,
      legalBases: LEGAL_BASES,
      concernCategories: CONCERN_CATEGORIES,
    },
    config: {
      ...(Object.fromEntries(CASE_RECORD_RETENTION_VARIABLES.map((variable) => [variable, defaults[variable]])) as Pick<
        Environment,
        CaseRecordRetentionVariable
      >),
      AUDIT_RETENTION_MONTHS: defaults.AUDIT_RETENTION_MONTHS,
      SESSION_MAX_HOURS: defaults.SESSION_MAX_HOURS,
      REFRESH_TOKEN_TTL_HOURS: defaults.REFRESH_TOKEN_TTL_HOURS,
      BREAK_GLASS_MINUTES: defaults.BREAK_GLASS_MINUTES,
      CONSENT_SELF_AGE: defaults.CONSENT_SELF_AGE,
      AUDIT_EXPORT_KEEP_DAYS: defaults.AUDIT_EXPORT_KEEP_DAYS,
    },
  };
}

const PURPOSES = [
  'Receiving concerns from frontline staff (police, social services, schools, health, youth services, partners) about children and young people who may be drifting toward violent extremism, hate crime or crime.',
  'Triage by the district coordinators: guidance, no further action, or referral to an agency or programme.',
  'Referring a case to the agency or programme that can help, on a recorded legal basis, and following the referral to its outcome.',
  'Recording the consent of the young person or their guardian to measures that are voluntary, and ending the sharing that rested on it when it is withdrawn or expires.',
  'Preparing and minuting the district forum and case conferences, and chasing the follow-ups they decide.',
  'Alerting the police at once when a concern reports immediate danger.',
  'Accountability: recording who saw or changed which record and why, so that the data-protection officer can review it.',
  'Managing the accounts, roles and sign-ins of the staff who use the system.',
];

const SUBJECT_DESCRIPTIONS: Record<DataSubject, (config: RetentionSettings) => string> = {
  child: () =>
    'Children and young people a concern is about (mostly minors; whether one is a minor is derived from the date of birth).',
  guardian: (config) =>
    `Guardians who give consent for a child under ${config.CONSENT_SELF_AGE} (\`CONSENT_SELF_AGE\`), named on the consent.`,
  staff: () =>
    'Staff users of the participating agencies: reporters, case workers, coordinators, forum members, auditors and administrators.',
};

const KIND_DESCRIPTIONS: Record<DataKind, string> = {
  identity: 'Names, and the folded form of a name used to find likely duplicates.',
  contact: 'How to reach a person.',
  date_of_birth: 'Date of birth, from which whether a child is a minor is derived.',
  special_category_narrative:
    "Free text written about a child's situation; it may reveal health, beliefs or suspected offences (Articles 9 and 10).",
  case_facts: "Structured facts of a child's case: category, risk, status, basis, outcome, dates.",
  pseudonym: 'A stable pseudonym used wherever the full identity need not be shown.',
  person_reference: 'The id of a person (a subject or a user) in another record.',
  account: "A staff user's account: agency, roles, whether active, second factor set up.",
  credential: 'Secrets that prove who a user is, stored hashed or encrypted.',
  activity_record: 'What someone did and when: audit events, sign-ins, break-glass grants, notifications read.',
};

const CATEGORY_DESCRIPTIONS: Record<ConcernCategory, string> = {
  violent_extremism:
    'may reveal political, religious or philosophical beliefs (Art. 9) and suspected offences (Art. 10)',
  hate_crime: 'suspected offences (Art. 10); may reveal beliefs (Art. 9)',
  gang_crime: 'suspected offences (Art. 10)',
  online_radicalisation: 'may reveal political, religious or philosophical beliefs (Art. 9)',
  returnee: 'may reveal beliefs (Art. 9) and suspected offences (Art. 10)',
  mental_health: 'health data (Art. 9)',
  other: 'may reveal any of the above; handled as special category',
};

const LEGAL_BASIS_DESCRIPTIONS: Record<LegalBasis, string> = {
  consent:
    'Art. 6(1)(a) and 9(2)(a): the consent of the young person, or of a guardian below the age of consent, naming the agencies it covers, for a purpose, until a date; withdrawal ends the sharing at once.',
  statutory_duty:
    'Art. 6(1)(c) and (e), 9(2)(g) and (h), 10: a duty or task the receiving agency has in law (child welfare, police prevention, health and school duties).',
  vital_interest:
    'Art. 6(1)(d) and 9(2)(c): to protect someone from immediate danger; a concern at immediate danger is opened to the police while the risk lasts.',
};

const SHARED_WITH_COORDINATION =
  'Referrals on any recorded basis; its own concerns are shared with the district coordinators unless it marks them `agency_restricted`.';

const RECIPIENT_DESCRIPTIONS: Record<AgencyKind, string> = {
  police:
    "The district's named police agency receives concerns at immediate danger on vital interest; police agencies receive referrals on any recorded basis. Police concerns stay within the police.",
  social_services: SHARED_WITH_COORDINATION,
  child_welfare: SHARED_WITH_COORDINATION,
  school: SHARED_WITH_COORDINATION,
  health:
    'Referrals on any recorded basis. Health concerns stay within health agencies (restricted from the coordinators) and leave them on consent only.',
  youth_service: SHARED_WITH_COORDINATION,
  job_centre: SHARED_WITH_COORDINATION,
  ngo: 'Only what a consent naming it covers.',
  faith_community: 'Only what a consent naming it covers.',
  other: SHARED_WITH_COORDINATION,
};

const ROLE_DESCRIPTIONS: Record<Role, string> = {
  reporter: 'logs concerns and follows their status',
  case_worker: 'works the referrals assigned to them',
  coordinator: "triages the district's concerns, refers, records consent, prepares the forum; may break the glass",
  forum_member: 'sees the agenda of the meetings they attend, pseudonymised unless the basis covers their agency',
  auditor: 'reads the audit trail (ids and pseudonyms), never names or narratives',
  admin: 'manages agencies, users and districts, never case content',
};

const RETENTION_DESCRIPTIONS: Record<RetentionRule, (config: RetentionSettings) => string> = {
  subject_anonymisation: () =>
    'The identity of a child or guardian is replaced once every case record about them is past its period (below); ids pointing at them are kept and point at an anonymous row.',
  concern_narrative_erasure: () => "Free text about a case is erased when its record's period (below) is over.",
  kept_for_statistics: () =>
    'Structured facts of a case outlive the anonymisation, identifying no one, for statistics.',
  kept_in_audit_trail: (config) =>
    `Kept ${config.AUDIT_RETENTION_MONTHS} months (\`AUDIT_RETENTION_MONTHS\`, never shorter than the longest case record period), then dropped by whole months after the chain is sealed.`,
  account_lifecycle: () =>
    'Kept while the account exists; anonymised once a deactivated account is no longer needed to explain the case records and the audit trail.',
  session_expiry: (config) =>
    `Deleted once lapsed: a session ends ${config.SESSION_MAX_HOURS} hours after login (\`SESSION_MAX_HOURS\`), a refresh token unused for ${config.REFRESH_TOKEN_TTL_HOURS} hours (\`REFRESH_TOKEN_TTL_HOURS\`).`,
  export_expiry: (config) =>
    `An export's file is removed by the worker ${config.AUDIT_EXPORT_KEEP_DAYS} days after it is ready (\`AUDIT_EXPORT_KEEP_DAYS\`); the record of who exported what, and why, stays with the audit trail.`,
};

const SECURITY_MEASURES = (config: RetentionSettings) => [
  'Deny by default: every route has a policy; access is decided per agency, per record and per field in the database query (owning agency, district coordination, shares on a recorded legal basis), and a record one may not see answers 404.',
  `Break-glass access lasts ${config.BREAK_GLASS_MINUTES} minutes (\`BREAK_GLASS_MINUTES\`), needs a written justification, is a high-severity audit event and is listed for the auditor's review.`,
  'Every read of personal data and every change is audited in the same transaction; a read whose audit event cannot be written is refused.',
  'The audit trail is a SHA-256 hash chain in commit order, sealed with Ed25519-signed checkpoints also kept outside the database; triggers refuse UPDATE, DELETE and TRUNCATE on it.',
  'The API and the worker connect as a database role with only SELECT and INSERT on the audit trail (no UPDATE or DELETE).',
  'The audit trail names subjects by id and pseudonym, never by name or narrative; e-mails hold only a link; auditors and administrators never see case content.',
  'Passwords are hashed with argon2id; TOTP secrets are encrypted at rest (AES-256-GCM); refresh tokens are stored hashed and rotate; repeated failed logins lock the account for a while.',
  'A second factor can be required for coordinators, auditors and administrators (`MFA_ENFORCED`).',
  'TLS is expected at the proxy in front of the API; every answer carries `Cache-Control: no-store`.',
  'Unusual access (many subjects in an hour, reads out of hours, subjects outside the user’s districts, repeated refusals) is flagged to the auditor.',
];

interface Located extends PersonalColumn {
  name: string;
}

function personalColumns(registry: Record<string, TableClassification>): Located[] {
  return Object.entries(registry)
    .sort(([a], [b]) => a.localeCompare(b))
    .flatMap(([table, { personal }]) =>
      Object.entries(personal).map(([column, entry]) => ({ ...entry, name: `${table}.${column}` })),
    );
}

const list = (items: readonly string[]) => items.map((item) => `- ${item}`);

/** `docs/records-of-processing.md`: a pure function of the registry, the vocabularies and the configuration's defaults. */
export function recordsOfProcessing(input: RecordsOfProcessingInput): string {
  const { registry, vocabularies, config } = input;
  const columns = personalColumns(registry);
  const lines: string[] = [
    '# Records of processing (GDPR Article 30)',
    '',
    'Generated from `src/privacy/personal-data-registry.ts` (every column of every table, classified), the',
    'vocabularies and the configuration defaults by `src/privacy/records-of-processing.ts`. Do not edit by hand:',
    '`npm run docs` rewrites it, and a test fails when it is stale or a column is not classified.',
    '',
    '## Controller and purposes',
    '',
    'The controller is the municipality that runs Samvirke for its coordination team; its name and the contact of its',
    'data-protection officer belong to the deployment. The participating agencies are recipients, each a controller of',
    'what it receives. The purposes of the processing:',
    '',
    ...list(PURPOSES),
    '',
    '## Categories of data subjects',
    '',
    '| data subjects | columns | tables |',
    '|---|---:|---|',
    ...DATA_SUBJECTS.map((subject) => {
      const own = columns.filter((entry) => entry.about === subject);
      const tables = [...new Set(own.map((entry) => entry.name.split('.')[0]))];
      const description = SUBJECT_DESCRIPTIONS[subject](config);
      return `| **${subject}**: ${description} | ${own.length} | ${tables.map((table) => `\`${table}\``).join(', ')} |`;
    }),
    '',
    '## Categories of personal data',
    '',
    'Sensitivity: `special_category` is data of Articles 9 and 10 (health, beliefs, suspected offences); `sensitive` is',
    "harmful if it escapes (a child's identity in a register of concerns, credentials, who looked at whose record);",
    '`ordinary` is the rest.',
  ];
  for (const kind of DATA_KINDS) {
    const own = columns.filter((entry) => entry.kind === kind);
    if (own.length === 0) continue;
    lines.push(
      '',
      `### ${kind}`,
      '',
      KIND_DESCRIPTIONS[kind],
      '',
      '| column | sensitivity | whose | retention |',
      '|---|---|---|---|',
      ...own.map((entry) => `| \`${entry.name}\` | ${entry.sensitivity} | ${entry.about} | \`${entry.retention}\` |`),
    );
  }
  const none = Object.values(registry).reduce((count, table) => count + table.none.length, 0);
  lines.push(
    '',
    `The other ${none} columns hold no personal data (keys of records that are not people, versions, bookkeeping).`,
    '',
    "What a concern's category reveals:",
    '',
    ...list(vocabularies.concernCategories.map((category) => `\`${category}\`: ${CATEGORY_DESCRIPTIONS[category]}`)),
    '',
    '## Legal bases',
    '',
    'Every referral records the basis on which a case is shared, and every read through a share records it in the',
    'audit event (`consent:<id>`, `statutory_duty`, `vital_interest`). The concerns of the owning agency and of the',
    "district's coordination team are processed in the public interest and under the agencies' statutory duties",
    '(Art. 6(1)(e), 9(2)(g), 10).',
    '',
    ...list(vocabularies.legalBases.map((basis) => `\`${basis}\`: ${LEGAL_BASIS_DESCRIPTIONS[basis]}`)),
    '',
    '## Recipients by agency kind',
    '',
    '| agency kind | receives |',
    '|---|---|',
    ...vocabularies.agencyKinds.map((kind) => `| \`${kind}\` | ${RECIPIENT_DESCRIPTIONS[kind]} |`),
    '',
    'Within each agency, what a user sees follows their roles:',
    '',
    ...list(vocabularies.roles.map((role) => `\`${role}\`: ${ROLE_DESCRIPTIONS[role]}`)),
    '',
    'No transfer to a third country is made by the system. E-mail notifications go through the SMTP server the',
    'deployment names and hold a link, never names or case details.',
    '',
    '## Retention periods',
    '',
    'Each column names the rule that erases or anonymises it. The worker applies `kept_in_audit_trail` today; the',
    'other rules name what the retention job will apply. A legal hold a coordinator places on a subject, for a',
    'written reason, keeps their records from retention and erasure until it is lifted or ends.',
    '',
    '| rule | columns | what happens |',
    '|---|---:|---|',
    ...RETENTION_RULES.map(
      (rule) =>
        `| \`${rule}\` | ${columns.filter((entry) => entry.retention === rule).length} | ${RETENTION_DESCRIPTIONS[rule](config)} |`,
    ),
    '',
    "How long each kind of case record is kept, in whole months counted from when that record's case ended. An",
    'open case (a concern not yet triaged, a referral not yet declined or closed, a consent still valid, a follow-up',
    'still open, a meeting not yet held) has no clock running and is never touched.',
    '',
    '| record | kept | counted from | set by | rules |',
    '|---|---:|---|---|---|',
    ...retentionPeriods(config).map(
      (period) =>
        `| ${period.description} | ${period.months} months | ${RETENTION_CLOCKS[period.clock].description} | \`${period.variable}\` | ${period.rules.map((rule) => `\`${rule}\``).join(', ')} |`,
    ),
    '',
    '## Security measures',
    '',
    ...list(SECURITY_MEASURES(config)),
    '',
  );
  return lines.join('\n');
}
