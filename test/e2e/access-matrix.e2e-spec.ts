/**
 * The access matrix: who may do what to a concern, by role, by relation to the concern
 * (own agency, another agency of the same district, another district), by the concern's
 * classification and owning agency's kind. The same table is rendered as
 * docs/access-matrix.md, so the documentation is what the API is tested to do.
 */
import { Agency } from '../../src/agencies/agency.entity';
import { AgencyKind } from '../../src/agencies/agency-kind';
import { Classification } from '../../src/concerns/concern-vocabulary';
import { Concern } from '../../src/concerns/concern.entity';
import { District } from '../../src/districts/district.entity';
import { User } from '../../src/users/user.entity';
import { arrangeMeeting, createFollowUp, createReferral, postConsent, recordConsent } from '../support/case-flows';
import {
  createAgency,
  createConcernRecord,
  createDistrict,
  createSubjectRecord,
  createUser,
  login,
} from '../support/factories';
import { expectCommittedFile } from '../support/generated-file';
import { startTestApp, TestApp } from '../support/test-app';

type Column = 'school' | 'social_restricted' | 'police' | 'health' | 'ngo';
type Read = 'full' | 'stub' | '404' | '403';
type Verdict = 200 | 403 | 404;

const COLUMNS: Record<Column, { title: string; kind: AgencyKind; classification: Classification }> = {
  school: { title: 'school, coordination', kind: 'school', classification: 'coordination' },
  social_restricted: {
    title: 'social services, agency_restricted',
    kind: 'social_services',
    classification: 'agency_restricted',
  },
  police: { title: 'police (always restricted)', kind: 'police', classification: 'agency_restricted' },
  health: { title: 'health (always restricted)', kind: 'health', classification: 'agency_restricted' },
  ngo: { title: 'NGO, coordination', kind: 'ngo', classification: 'coordination' },
};
const COLUMN_KEYS = Object.keys(COLUMNS) as Column[];

/** Who, relative to the concern. `ownAgency` actors belong to the agency owning each column's concern. */
type Who =
  | 'author'
  | 'colleague'
  | 'ownCaseWorker'
  | 'sameDistrictOtherAgency'
  | 'otherDistrictCaseWorker'
  | 'coordinator'
  | 'otherCoordinator'
  | 'forumMember'
  | 'auditor'
  | 'admin';

interface Row {
  who: Who;
  label: string;
  relation: string;
  create: 201 | 403;
  read: Record<Column, Read>;
  update: Record<Column, Verdict>;
  triage: Record<Column, Verdict>;
}

const every = <T>(value: T): Record<Column, T> =>
  Object.fromEntries(COLUMN_KEYS.map((key) => [key, value])) as Record<Column, T>;
const restrictedStub = <T>(open: T, restricted: T): Record<Column, T> => ({
  school: open,
  social_restricted: restricted,
  police: restricted,
  health: restricted,
  ngo: open,
});

const MATRIX: Row[] = [
  {
    who: 'author',
    label: 'reporter who logged it',
    relation: 'own agency',
    create: 201,
    read: every('full'),
    update: every(200),
    triage: every(403),
  },
  {
    who: 'colleague',
    label: 'another reporter',
    relation: 'own agency',
    create: 201,
    read: every('404'),
    update: every(404),
    triage: every(403),
  },
  {
    who: 'ownCaseWorker',
    label: 'case worker',
    relation: 'own agency',
    create: 201,
    read: every('full'),
    update: every(200),
    triage: every(403),
  },
  {
    who: 'sameDistrictOtherAgency',
    label: 'reporter and case worker',
    relation: 'another agency, same district',
    create: 201,
    read: every('404'),
    update: every(404),
    triage: every(403),
  },
  {
    who: 'otherDistrictCaseWorker',
    label: 'case worker',
    relation: 'another district',
    create: 201,
    read: every('404'),
    update: every(404),
    triage: every(403),
  },
  {
    who: 'coordinator',
    label: 'coordinator',
    relation: 'same district',
    create: 201,
    read: restrictedStub('full', 'stub'),
    update: every(403),
    triage: every(200),
  },
  {
    who: 'otherCoordinator',
    label: 'coordinator',
    relation: 'another district',
    create: 201,
    read: every('404'),
    update: every(404),
    triage: every(404),
  },
  {
    who: 'forumMember',
    label: 'forum member',
    relation: 'same district',
    create: 403,
    read: every('403'),
    update: every(403),
    triage: every(403),
  },
  {
    who: 'auditor',
    label: 'auditor',
    relation: '—',
    create: 403,
    read: every('403'),
    update: every(403),
    triage: every(403),
  },
  {
    who: 'admin',
    label: 'admin',
    relation: '—',
    create: 403,
    read: every('403'),
    update: every(403),
    triage: every(403),
  },
];

/** What a caller can do with a referral on consent, the concern it shares, its notes and the consent behind it. */
const REFERRAL_OPS = [
  'read referral',
  'concern through it',
  'add note',
  'accept',
  'record consent',
  'read consents',
  'withdraw consent',
  'why (access)',
] as const;
type ReferralOp = (typeof REFERRAL_OPS)[number];

interface ReferralRow {
  who: Who | 'receiving';
  label: string;
  relation: string;
  /** The consent behind the referral was withdrawn before the check. */
  withdrawn?: boolean;
  cells: Record<ReferralOp, string>;
}

const cells = (...values: string[]) =>
  Object.fromEntries(REFERRAL_OPS.map((op, index) => [op, values[index]])) as Record<ReferralOp, string>;

const REFERRAL_MATRIX: ReferralRow[] = [
  {
    who: 'coordinator',
    label: 'coordinator',
    relation: 'same district',
    cells: cells('200', 'full', '201', '403', '201', '200', '200', 'district_coordinator'),
  },
  {
    who: 'otherCoordinator',
    label: 'coordinator',
    relation: 'another district',
    cells: cells('404', '404', '404', '403', '404', '404', '404', '404'),
  },
  {
    who: 'receiving',
    label: 'case worker',
    relation: 'receiving agency',
    cells: cells('200', 'full', '201', '200', '403', '200', '200', 'receiving_agency (consent)'),
  },
  {
    who: 'receiving',
    label: 'case worker',
    relation: 'receiving agency, consent withdrawn',
    withdrawn: true,
    cells: cells('404', '404', '404', '404', '403', '404', '404', '404'),
  },
  {
    who: 'sameDistrictOtherAgency',
    label: 'reporter and case worker',
    relation: 'another agency, same district',
    cells: cells('404', '404', '404', '404', '403', '404', '404', '404'),
  },
  {
    who: 'author',
    label: 'reporter who logged the concern',
    relation: 'referring agency',
    cells: cells('404', 'full', '404', '403', '403', '403', '403', '404'),
  },
  {
    who: 'auditor',
    label: 'auditor',
    relation: '—',
    cells: cells('403', '403', '403', '403', '403', '403', '403', '403'),
  },
  { who: 'admin', label: 'admin', relation: '—', cells: cells('403', '403', '403', '403', '403', '403', '403', '403') },
];

function renderReferralMatrix(): string {
  return [
    '## Referrals, their notes and consent',
    '',
    'A school concern referred on a guardian’s consent to an NGO mentor programme. `read referral`: `GET /referrals/:id`',
    '(with its case notes); `concern through it`: `GET /concerns/:id`; `read consents`: `GET /subjects/:id/consents`',
    '(`200 (none)`: the answer lists no consent); `why (access)`: `GET /referrals/:id/access`, the rules it names (with the',
    'legal basis of a receiving agency’s) or its status. Every check runs on a fresh referral.',
    '',
    `| who | relation | ${REFERRAL_OPS.join(' | ')} |`,
    `|---|---|${REFERRAL_OPS.map(() => '---').join('|')}|`,
    ...REFERRAL_MATRIX.map(
      (row) => `| ${row.label} | ${row.relation} | ${REFERRAL_OPS.map((op) => row.cells[op]).join(' | ')} |`,
    ),
    '',
  ].join('\n');
}

/** Who reads a school concern as its reporter raises it to immediate danger and lowers it again. */
const EMERGENCY_STAGES = ['moderate', 'immediate danger', 'lowered to high'] as const;
type EmergencyStage = (typeof EMERGENCY_STAGES)[number];

interface EmergencyRow {
  who: 'emergencyPolice' | 'otherPolice' | 'coordinator' | 'sameDistrictOtherAgency';
  label: string;
  relation: string;
  cells: Record<EmergencyStage, Read>;
}

const stages = (...values: Read[]) =>
  Object.fromEntries(EMERGENCY_STAGES.map((stage, index) => [stage, values[index]])) as Record<EmergencyStage, Read>;

const EMERGENCY_MATRIX: EmergencyRow[] = [
  {
    who: 'emergencyPolice',
    label: 'police case worker',
    relation: 'the agency the district names for emergencies',
    cells: stages('404', 'full', '404'),
  },
  {
    who: 'otherPolice',
    label: 'police case worker',
    relation: 'another police agency, same district',
    cells: stages('404', '404', '404'),
  },
  { who: 'coordinator', label: 'coordinator', relation: 'same district', cells: stages('full', 'full', 'full') },
  {
    who: 'sameDistrictOtherAgency',
    label: 'reporter and case worker',
    relation: 'another agency, same district',
    cells: stages('404', '404', '404'),
  },
];

function renderEmergencyMatrix(): string {
  return [
    '## Immediate danger',
    '',
    'A school concern of the east district, raised by its reporter (`PATCH /concerns/:id`) from moderate to immediate',
    'danger and lowered again. Each district names the police agency that receives its emergencies (admin:',
    '`PATCH /districts/:id`); immediate danger alerts it at once and opens the concern to it on vital interest while',
    'the danger lasts, and its reads are logged with purpose `vital_interest`.',
    '',
    `| who | relation | ${EMERGENCY_STAGES.join(' | ')} |`,
    `|---|---|${EMERGENCY_STAGES.map(() => '---').join('|')}|`,
    ...EMERGENCY_MATRIX.map(
      (row) => `| ${row.label} | ${row.relation} | ${EMERGENCY_STAGES.map((stage) => row.cells[stage]).join(' | ')} |`,
    ),
    '',
  ].join('\n');
}

/** What a caller can do with a forum meeting of the east district and its agenda and minutes. */
const MEETING_OPS = [
  'read meeting',
  'agenda',
  'agenda.pdf',
  'meeting.ics',
  'generate agenda',
  'add item',
  'record minutes',
  'read minutes',
] as const;
type MeetingOp = (typeof MEETING_OPS)[number];

interface MeetingRow {
  who:
    | 'coordinator'
    | 'otherCoordinator'
    | 'invitedMember'
    | 'uninvitedMember'
    | 'invitedCaseWorker'
    | 'auditor'
    | 'admin';
  label: string;
  relation: string;
  cells: Record<MeetingOp, string>;
}

const meetingCells = (...values: string[]) =>
  Object.fromEntries(MEETING_OPS.map((op, index) => [op, values[index]])) as Record<MeetingOp, string>;

const MEETING_MATRIX: MeetingRow[] = [
  {
    who: 'coordinator',
    label: 'coordinator',
    relation: 'same district',
    cells: meetingCells('200', '200', '200', '200', '200', '201', '201', '200'),
  },
  {
    who: 'otherCoordinator',
    label: 'coordinator',
    relation: 'another district',
    cells: meetingCells('404', '404', '404', '404', '404', '404', '404', '404'),
  },
  {
    who: 'invitedMember',
    label: 'forum member',
    relation: 'invited',
    cells: meetingCells('200', '200', '200', '200', '403', '403', '201', '200'),
  },
  {
    who: 'uninvitedMember',
    label: 'forum member',
    relation: 'not invited, same district',
    cells: meetingCells('404', '404', '404', '404', '403', '403', '404', '404'),
  },
  {
    who: 'invitedCaseWorker',
    label: 'reporter and case worker',
    relation: 'invited',
    cells: meetingCells('200', '200', '200', '200', '403', '403', '403', '200'),
  },
  { who: 'auditor', label: 'auditor', relation: '—', cells: meetingCells(...MEETING_OPS.map(() => '403')) },
  { who: 'admin', label: 'admin', relation: '—', cells: meetingCells(...MEETING_OPS.map(() => '403')) },
];

function renderMeetingMatrix(): string {
  return [
    '## Meetings, agendas and minutes',
    '',
    'A forum of the east district to which a forum member and a case worker of another agency are invited.',
    '`record minutes` runs on a meeting that has started; the rest on one still to come. A 200 on `agenda`, `agenda.pdf`',
    'or `read minutes` is the reader’s own view: only the cases they may know exist (their agency’s own, those shared',
    'with it on a basis that still holds; the district’s coordinators see every case, a restricted one as a stub), by',
    'pseudonym, or by name where their agency has a basis; an item or decision about any other case is absent, not',
    'redacted. That is tested in `test/e2e/meetings.e2e-spec.ts`.',
    '',
    `| who | relation | ${MEETING_OPS.join(' | ')} |`,
    `|---|---|${MEETING_OPS.map(() => '---').join('|')}|`,
    ...MEETING_MATRIX.map(
      (row) => `| ${row.label} | ${row.relation} | ${MEETING_OPS.map((op) => row.cells[op]).join(' | ')} |`,
    ),
    '',
  ].join('\n');
}

/** The audit trail and break-glass: the auditor reads the log and reviews grants; only coordinators break glass. */
const AUDIT_OPS = [
  'search events',
  'events.csv',
  'count',
  'start export',
  'exports',
  'who has seen',
  'verify',
  'start verification',
  'verifications',
  'flags',
  'grants to review',
  'break glass',
] as const;
type AuditOp = (typeof AUDIT_OPS)[number];

interface AuditRow {
  who: 'auditor' | 'admin' | 'coordinator' | 'otherCoordinator' | 'sameDistrictOtherAgency' | 'forumMember';
  label: string;
  cells: Record<AuditOp, string>;
}

const auditCells = (...values: string[]) =>
  Object.fromEntries(AUDIT_OPS.map((op, index) => [op, values[index]])) as Record<AuditOp, string>;

const AUDIT_MATRIX: AuditRow[] = [
  {
    who: 'auditor',
    label: 'auditor',
    cells: auditCells('200', '200', '200', '202', '200', '200', '200', '202', '200', '200', '200', '403'),
  },
  {
    who: 'admin',
    label: 'admin',
    cells: auditCells('403', '403', '403', '403', '403', '403', '403', '403', '403', '403', '403', '403'),
  },
  {
    who: 'coordinator',
    label: 'coordinator',
    cells: auditCells('403', '403', '403', '403', '403', '403', '403', '403', '403', '403', '403', '201'),
  },
  {
    who: 'otherCoordinator',
    label: 'coordinator of another district',
    cells: auditCells('403', '403', '403', '403', '403', '403', '403', '403', '403', '403', '403', '404'),
  },
  {
    who: 'sameDistrictOtherAgency',
    label: 'reporter and case worker',
    cells: auditCells('403', '403', '403', '403', '403', '403', '403', '403', '403', '403', '403', '403'),
  },
  {
    who: 'forumMember',
    label: 'forum member',
    cells: auditCells('403', '403', '403', '403', '403', '403', '403', '403', '403', '403', '403', '403'),
  },
];

function renderAuditMatrix(): string {
  return [
    '## The audit trail and break-glass',
    '',
    'Auditors read the log (ids and pseudonyms, never names or narratives) and review break-glass grants; they never',
    'read case records (every cell above). `break glass`: `POST /break-glass` on a police concern the caller sees as a stub;',
    'a coordinator breaks the glass only in their own districts (elsewhere the concern is unknown to them: 404).',
    '',
    `| who | ${AUDIT_OPS.join(' | ')} |`,
    `|---|${AUDIT_OPS.map(() => '---').join('|')}|`,
    ...AUDIT_MATRIX.map((row) => `| ${row.label} | ${AUDIT_OPS.map((op) => row.cells[op]).join(' | ')} |`),
    '',
  ].join('\n');
}

/** Legal holds on a subject of the east district: coordinators of the district keep them; auditors and admins see them. */
const HOLD_OPS = ['place', 'subject’s holds', 'list', 'read hold', 'lift'] as const;
type HoldOp = (typeof HOLD_OPS)[number];

interface HoldRow {
  who:
    | 'coordinator'
    | 'otherCoordinator'
    | 'registeringCaseWorker'
    | 'sameDistrictOtherAgency'
    | 'forumMember'
    | 'auditor'
    | 'admin';
  label: string;
  relation: string;
  cells: Record<HoldOp, string>;
}

const holdCells = (...values: string[]) =>
  Object.fromEntries(HOLD_OPS.map((op, index) => [op, values[index]])) as Record<HoldOp, string>;

const HOLD_MATRIX: HoldRow[] = [
  {
    who: 'coordinator',
    label: 'coordinator',
    relation: 'same district',
    cells: holdCells('201', '200', '200', '200', '200'),
  },
  {
    who: 'otherCoordinator',
    label: 'coordinator',
    relation: 'another district',
    cells: holdCells('404', '404', '200 (none)', '404', '404'),
  },
  {
    who: 'registeringCaseWorker',
    label: 'case worker',
    relation: 'the agency that registered the subject',
    cells: holdCells('403', '403', '403', '403', '403'),
  },
  {
    who: 'sameDistrictOtherAgency',
    label: 'reporter and case worker',
    relation: 'another agency, same district',
    cells: holdCells('403', '403', '403', '403', '403'),
  },
  {
    who: 'forumMember',
    label: 'forum member',
    relation: 'same district',
    cells: holdCells('403', '403', '403', '403', '403'),
  },
  { who: 'auditor', label: 'auditor', relation: '—', cells: holdCells('403', '404', '200', '200', '403') },
  { who: 'admin', label: 'admin', relation: '—', cells: holdCells('403', '404', '200', '200', '403') },
];

function renderHoldMatrix(): string {
  return [
    '## Legal holds',
    '',
    'A hold on a subject of the east district, registered by a school. `place`: `POST /subjects/:id/legal-holds`;',
    '`subject’s holds`: `GET /subjects/:id/legal-holds`; `list`: `GET /legal-holds` (`200 (none)`: the hold is not in',
    'the answer); `read hold`: `GET /legal-holds/:id`; `lift`: `POST /legal-holds/:id/lift`. Auditors and admins see',
    'that holds exist and why, by pseudonym, never a name or any case content; the subject’s own list needs the subject,',
    'which they never see. Every check runs on a fresh subject and hold.',
    '',
    `| who | relation | ${HOLD_OPS.join(' | ')} |`,
    `|---|---|${HOLD_OPS.map(() => '---').join('|')}|`,
    ...HOLD_MATRIX.map(
      (row) => `| ${row.label} | ${row.relation} | ${HOLD_OPS.map((op) => row.cells[op]).join(' | ')} |`,
    ),
    '',
  ].join('\n');
}

/** What the subject search (`GET /subjects?query=`) shows of each column's subject, searched by its full name. */
type SearchCell = 'identity' | 'pseudonym' | 'none' | '403';
const SEARCH_MATRIX: Record<Who, Record<Column, SearchCell>> = {
  author: every('identity'),
  colleague: every('pseudonym'),
  ownCaseWorker: every('identity'),
  sameDistrictOtherAgency: every('none'),
  otherDistrictCaseWorker: every('none'),
  coordinator: restrictedStub('identity', 'pseudonym'),
  otherCoordinator: every('none'),
  forumMember: every('403'),
  auditor: every('403'),
  admin: every('403'),
};

/** The timeline answers as the concern does: 404 where it is 404, the concern's stub marked where it is a stub. */
const timelineCell = (read: Read) => (read === 'full' ? '200' : read === 'stub' ? '200 (stub)' : read);

function renderScreensMatrix(): string {
  const header = `| who | relation to the concern | ${COLUMN_KEYS.map((key) => COLUMNS[key].title).join(' | ')} |`;
  const rule = `|---|---|${COLUMN_KEYS.map(() => '---').join('|')}|`;
  const rows = (cell: (row: Row, column: Column) => string) =>
    MATRIX.map((row) => `| ${row.label} | ${row.relation} | ${COLUMN_KEYS.map((key) => cell(row, key)).join(' | ')} |`);
  return [
    '## A concern’s timeline (`GET /concerns/:id/timeline`)',
    '',
    'Redacted as the concern is: `200 (stub)` answers the timeline with `redacted: true`, each step the reader may',
    'not see a placeholder (its kind and time only).',
    '',
    header,
    rule,
    ...rows((row, key) => timelineCell(row.read[key])),
    '',
    '## Why can I see this (`GET /concerns/:id/access`)',
    '',
    'Answers as the concern does: `200` naming the rules that matched, `200 (stub)` where the reader sees a stub (the',
    'answer then says what is withheld and which agency to ask), else the concern’s own status.',
    '',
    header,
    rule,
    ...rows((row, key) => timelineCell(row.read[key])),
    '',
    '## The subject search (`GET /subjects?query=`)',
    '',
    'The concern’s subject searched by its full name: `identity` (name and date of birth shown), `pseudonym` (found,',
    'shown by pseudonym only: the caller’s agency holds a concern about them, or they coordinate its district), `none`',
    '(not among the hits), `403` (the role may not search).',
    '',
    header,
    rule,
    ...rows((row, key) => SEARCH_MATRIX[row.who][key]),
    '',
  ].join('\n');
}

/** Erasure on request and the retention dry run: coordinators of the district erase; admins read the dry run. */
const RETENTION_OPS = ['erase (no case open)', 'erase (case open)', 'dry run', 'last runs'] as const;
type RetentionOp = (typeof RETENTION_OPS)[number];

interface RetentionRow {
  who: HoldRow['who'];
  label: string;
  relation: string;
  cells: Record<RetentionOp, string>;
}

const retentionCells = (...values: string[]) =>
  Object.fromEntries(RETENTION_OPS.map((op, index) => [op, values[index]])) as Record<RetentionOp, string>;

const RETENTION_MATRIX: RetentionRow[] = [
  {
    who: 'coordinator',
    label: 'coordinator',
    relation: 'same district',
    cells: retentionCells('201', '422', '403', '403'),
  },
  {
    who: 'otherCoordinator',
    label: 'coordinator',
    relation: 'another district',
    cells: retentionCells('404', '404', '403', '403'),
  },
  {
    who: 'registeringCaseWorker',
    label: 'case worker',
    relation: 'the agency that registered the subject',
    cells: retentionCells('403', '403', '403', '403'),
  },
  {
    who: 'sameDistrictOtherAgency',
    label: 'reporter and case worker',
    relation: 'another agency, same district',
    cells: retentionCells('403', '403', '403', '403'),
  },
  {
    who: 'forumMember',
    label: 'forum member',
    relation: 'same district',
    cells: retentionCells('403', '403', '403', '403'),
  },
  { who: 'auditor', label: 'auditor', relation: '—', cells: retentionCells('403', '403', '403', '403') },
  { who: 'admin', label: 'admin', relation: '—', cells: retentionCells('403', '403', '200', '200') },
];

function renderRetentionMatrix(): string {
  return [
    '## Erasure and retention',
    '',
    'A subject of the east district, registered by a school. `erase (no case open)`: `POST /subjects/:id/erasure` with',
    'a reason, on a subject with no open case (anonymised at once, as retention would); `erase (case open)`: the same',
    'on a subject with a concern not yet triaged (`422 open-case`, nothing changed); `dry run`: `GET',
    '/retention/next-run`, what the next retention run would anonymise, counted per kind (no names, no ids); `last runs`:',
    '`GET /retention/runs`, the last runs and what each did, counted. Every check runs on a fresh subject.',
    '',
    `| who | relation | ${RETENTION_OPS.join(' | ')} |`,
    `|---|---|${RETENTION_OPS.map(() => '---').join('|')}|`,
    ...RETENTION_MATRIX.map(
      (row) => `| ${row.label} | ${row.relation} | ${RETENTION_OPS.map((op) => row.cells[op]).join(' | ')} |`,
    ),
    '',
  ].join('\n');
}

/** A subject's access package (Article 15): the coordinators of the subject's district compile it; nobody else. */
const PACKAGE_OPS = ['package (JSON)', 'package (PDF)'] as const;
type PackageOp = (typeof PACKAGE_OPS)[number];

interface PackageRow {
  who: HoldRow['who'];
  label: string;
  relation: string;
  cells: Record<PackageOp, string>;
}

const PACKAGE_MATRIX: PackageRow[] = [
  {
    who: 'coordinator',
    label: 'coordinator',
    relation: 'same district',
    cells: { 'package (JSON)': '200', 'package (PDF)': '200' },
  },
  {
    who: 'otherCoordinator',
    label: 'coordinator',
    relation: 'another district',
    cells: { 'package (JSON)': '404', 'package (PDF)': '404' },
  },
  {
    who: 'registeringCaseWorker',
    label: 'case worker',
    relation: 'the agency that registered the subject',
    cells: { 'package (JSON)': '403', 'package (PDF)': '403' },
  },
  {
    who: 'sameDistrictOtherAgency',
    label: 'reporter and case worker',
    relation: 'another agency, same district',
    cells: { 'package (JSON)': '403', 'package (PDF)': '403' },
  },
  {
    who: 'forumMember',
    label: 'forum member',
    relation: 'same district',
    cells: { 'package (JSON)': '403', 'package (PDF)': '403' },
  },
  { who: 'auditor', label: 'auditor', relation: '—', cells: { 'package (JSON)': '403', 'package (PDF)': '403' } },
  { who: 'admin', label: 'admin', relation: '—', cells: { 'package (JSON)': '403', 'package (PDF)': '403' } },
];

function renderPackageMatrix(): string {
  return [
    '## Access requests',
    '',
    'A subject of the east district, registered by a school, with a school concern and a police concern about them.',
    '`POST /subjects/:id/access-package` with a purpose and a language, answered as JSON or (`format: "pdf"`) as a PDF in',
    'that language: everything held about the person across agencies and who has seen it, the police concern listed',
    'with the agency to ask rather than disclosed. It is compiled on request, audited once with its purpose, and never',
    'stored. Every check runs on a fresh subject.',
    '',
    `| who | relation | ${PACKAGE_OPS.join(' | ')} |`,
    `|---|---|${PACKAGE_OPS.map(() => '---').join('|')}|`,
    ...PACKAGE_MATRIX.map(
      (row) => `| ${row.label} | ${row.relation} | ${PACKAGE_OPS.map((op) => row.cells[op]).join(' | ')} |`,
    ),
    '',
  ].join('\n');
}

function renderMatrix(): string {
  const header = `| who | relation to the concern | ${COLUMN_KEYS.map((key) => COLUMNS[key].title).join(' | ')} |`;
  const rule = `|---|---|${COLUMN_KEYS.map(() => '---').join('|')}|`;
  const table = (title: string, explain: string, cell: (row: Row, column: Column) => string) =>
    [
      `## ${title}`,
      '',
      explain,
      '',
      header,
      rule,
      ...MATRIX.map(
        (row) => `| ${row.label} | ${row.relation} | ${COLUMN_KEYS.map((key) => cell(row, key)).join(' | ')} |`,
      ),
      '',
    ].join('\n');
  return [
    '# Who may do what to a concern',
    '',
    'Generated from `test/e2e/access-matrix.e2e-spec.ts`, which checks every cell against the HTTP API on a real',
    'database (`npm run docs` rewrites this file). All concerns are in one district; "own agency" is the agency',
    'that owns the concern. `full`: the whole concern; `stub`: pseudonym, category, risk, status, owning agency and',
    'contact only (`redacted: true`); `404`: the caller cannot know the concern exists; `403`: the role may not do this at all.',
    '',
    '## Create',
    '',
    '| who | relation | `POST /concerns` |',
    '|---|---|---|',
    ...MATRIX.map((row) => `| ${row.label} | ${row.relation} | ${row.create} |`),
    '',
    table(
      'Read (`GET /concerns/:id`, and the same view in `GET /concerns`)',
      'A concern that answers 404 is also absent from lists.',
      (row, key) => row.read[key],
    ),
    table('Update (`PATCH /concerns/:id`)', '', (row, key) => String(row.update[key])),
    table('Triage (`POST /concerns/:id/triage`)', '', (row, key) => String(row.triage[key])),
    renderReferralMatrix(),
    renderEmergencyMatrix(),
    renderMeetingMatrix(),
    renderAuditMatrix(),
    renderHoldMatrix(),
    renderPackageMatrix(),
    renderRetentionMatrix(),
    renderScreensMatrix(),
    renderProfileMatrix(),
    renderWorkMatrix(),
    renderInboxMatrix(),
    renderPeopleMatrix(),
  ].join('\n');
}

/** One's own profile: everyone reads it and sets its language, and nobody else's (neither route takes an id). */
const PROFILE_OPS = ['read', 'language'] as const;
type ProfileOp = (typeof PROFILE_OPS)[number];

const PROFILE_MATRIX: {
  who: 'sameDistrictOtherAgency' | 'coordinator' | 'forumMember' | 'auditor' | 'admin';
  label: string;
}[] = [
  { who: 'sameDistrictOtherAgency', label: 'reporter and case worker' },
  { who: 'coordinator', label: 'coordinator' },
  { who: 'forumMember', label: 'forum member' },
  { who: 'auditor', label: 'auditor' },
  { who: 'admin', label: 'admin' },
];

function renderProfileMatrix(): string {
  return [
    '## Your own profile',
    '',
    '`read`: `GET /me`; `language`: `PATCH /me` with `{ "locale": "en" }`, the language the web app speaks to the user',
    'on any computer. Each caller reads and changes only their own profile: neither route takes an id.',
    '',
    `| who | ${PROFILE_OPS.join(' | ')} |`,
    `|---|${PROFILE_OPS.map(() => '---').join('|')}|`,
    ...PROFILE_MATRIX.map((row) => `| ${row.label} | ${PROFILE_OPS.map(() => '200').join(' | ')} |`),
    '',
  ].join('\n');
}

/** Moving a follow-up, a forum series read and changed, a leaving user's work handed over. */
const WORK_OPS = [
  'move follow-up',
  'read series',
  'change series',
  'hand over work',
  'reset second factor',
  'queue ticket',
] as const;
type WorkOp = (typeof WORK_OPS)[number];

const WORK_MATRIX: {
  who: 'sameDistrictOtherAgency' | 'coordinator' | 'otherCoordinator' | 'forumMember' | 'auditor' | 'admin';
  label: string;
  relation: string;
  cells: Record<WorkOp, string>;
}[] = [
  {
    who: 'sameDistrictOtherAgency',
    label: 'reporter and case worker',
    relation: 'owns the follow-up',
    cells: {
      'move follow-up': '200',
      'read series': '404',
      'change series': '403',
      'hand over work': '403',
      'reset second factor': '403',
      'queue ticket': '403',
    },
  },
  {
    who: 'coordinator',
    label: 'coordinator',
    relation: 'same district',
    cells: {
      'move follow-up': '200',
      'read series': '200',
      'change series': '200',
      'hand over work': '403',
      'reset second factor': '403',
      'queue ticket': '403',
    },
  },
  {
    who: 'otherCoordinator',
    label: 'coordinator',
    relation: 'another district',
    cells: {
      'move follow-up': '404',
      'read series': '404',
      'change series': '404',
      'hand over work': '403',
      'reset second factor': '403',
      'queue ticket': '403',
    },
  },
  {
    who: 'forumMember',
    label: 'forum member',
    relation: 'invited to the series',
    cells: {
      'move follow-up': '404',
      'read series': '404',
      'change series': '403',
      'hand over work': '403',
      'reset second factor': '403',
      'queue ticket': '403',
    },
  },
  {
    who: 'auditor',
    label: 'auditor',
    relation: '—',
    cells: {
      'move follow-up': '403',
      'read series': '403',
      'change series': '403',
      'hand over work': '403',
      'reset second factor': '403',
      'queue ticket': '403',
    },
  },
  {
    who: 'admin',
    label: 'admin',
    relation: '—',
    cells: {
      'move follow-up': '403',
      'read series': '403',
      'change series': '403',
      'hand over work': '200',
      'reset second factor': '200',
      'queue ticket': '200',
    },
  },
];

function renderWorkMatrix(): string {
  return [
    '## Follow-ups moved, forum series, work handed over, second factor reset, queue dashboard',
    '',
    '`move follow-up`: `PATCH /follow-ups/:id` with a new `dueAt`, on a follow-up of the east district owned by the',
    'reporter and case worker; `read series` and `change series`: `GET` and `PATCH /forum-series/:id` on a series of the',
    'east district; `hand over work`: `POST /users/:id/hand-over`, a user’s open referrals and follow-ups given to a',
    'colleague of the same agency (the directory’s, so the admin’s; ids only, never content); `reset second factor`:',
    '`POST /users/:id/second-factor/reset` with a reason, on a user of the east district; `queue ticket`:',
    '`POST /queue-dashboard/ticket`, the one-time entry to the queue dashboard from the web app.',
    '',
    `| who | relation | ${WORK_OPS.join(' | ')} |`,
    `|---|---|${WORK_OPS.map(() => '---').join('|')}|`,
    ...WORK_MATRIX.map(
      (row) => `| ${row.label} | ${row.relation} | ${WORK_OPS.map((op) => row.cells[op]).join(' | ')} |`,
    ),
    '',
  ].join('\n');
}

/** The referral inbox's last look: whoever may list referrals keeps their own (the route takes no user). */
const INBOX_OPS = ['read last look', 'mark looked'] as const;
type InboxOp = (typeof INBOX_OPS)[number];

const INBOX_MATRIX: {
  who: 'sameDistrictOtherAgency' | 'coordinator' | 'forumMember' | 'auditor' | 'admin';
  label: string;
  cells: Record<InboxOp, string>;
}[] = [
  {
    who: 'sameDistrictOtherAgency',
    label: 'reporter and case worker',
    cells: { 'read last look': '200', 'mark looked': '200' },
  },
  { who: 'coordinator', label: 'coordinator', cells: { 'read last look': '200', 'mark looked': '200' } },
  { who: 'forumMember', label: 'forum member', cells: { 'read last look': '403', 'mark looked': '403' } },
  { who: 'auditor', label: 'auditor', cells: { 'read last look': '403', 'mark looked': '403' } },
  { who: 'admin', label: 'admin', cells: { 'read last look': '403', 'mark looked': '403' } },
];

function renderInboxMatrix(): string {
  return [
    '## The referral inbox’s last look',
    '',
    '`read last look`: `GET /me/inboxes/referrals`, when the caller last looked at their referral inbox; `mark looked`:',
    '`POST /me/inboxes/referrals/seen`, what is sent or changed after now is new to them. Each caller has their own:',
    'neither route takes a user.',
    '',
    `| who | ${INBOX_OPS.join(' | ')} |`,
    `|---|${INBOX_OPS.map(() => '---').join('|')}|`,
    ...INBOX_MATRIX.map((row) => `| ${row.label} | ${INBOX_OPS.map((op) => row.cells[op]).join(' | ')} |`),
    '',
  ].join('\n');
}

/** The people directory: whom each caller sees among people of the east and west districts. */
const PEOPLE_COLUMNS = {
  'east case worker': 'sameDistrictOtherAgency',
  'east school case worker': 'ownCaseWorker',
  'east forum member': 'forumMember',
  'west case worker': 'otherDistrictCaseWorker',
  'admin only': 'admin',
  'auditor only': 'auditor',
} as const;
type PeopleColumn = keyof typeof PEOPLE_COLUMNS;
const PEOPLE_COLUMN_KEYS = Object.keys(PEOPLE_COLUMNS) as PeopleColumn[];
type Listed = 'listed' | '—' | '403';
const EVERYONE_HIDDEN: Record<PeopleColumn, Listed> = {
  'east case worker': '—',
  'east school case worker': '—',
  'east forum member': '—',
  'west case worker': '—',
  'admin only': '—',
  'auditor only': '—',
};
const REFUSED: Record<PeopleColumn, Listed> = {
  'east case worker': '403',
  'east school case worker': '403',
  'east forum member': '403',
  'west case worker': '403',
  'admin only': '403',
  'auditor only': '403',
};

const PEOPLE_MATRIX: { who: Who; label: string; relation: string; cells: Record<PeopleColumn, Listed> }[] = [
  { who: 'author', label: 'reporter', relation: 'school, east', cells: REFUSED },
  {
    who: 'sameDistrictOtherAgency',
    label: 'reporter and case worker',
    relation: 'youth service, east',
    cells: { ...EVERYONE_HIDDEN, 'east case worker': 'listed' },
  },
  {
    who: 'ownCaseWorker',
    label: 'case worker',
    relation: 'school, east',
    cells: { ...EVERYONE_HIDDEN, 'east school case worker': 'listed' },
  },
  {
    who: 'coordinator',
    label: 'coordinator',
    relation: 'east',
    cells: {
      ...EVERYONE_HIDDEN,
      'east case worker': 'listed',
      'east school case worker': 'listed',
      'east forum member': 'listed',
    },
  },
  {
    who: 'otherCoordinator',
    label: 'coordinator',
    relation: 'west',
    cells: { ...EVERYONE_HIDDEN, 'west case worker': 'listed' },
  },
  { who: 'forumMember', label: 'forum member', relation: 'youth service, east', cells: REFUSED },
  { who: 'auditor', label: 'auditor', relation: '—', cells: REFUSED },
  { who: 'admin', label: 'admin', relation: '—', cells: REFUSED },
];

function renderPeopleMatrix(): string {
  return [
    '## The people directory',
    '',
    '`GET /people`: whether each person is listed to the caller (`—`: not listed). A coordinator sees who holds a case',
    'role in their districts; a case worker their own agency’s case workers (to assign an accepted referral); nobody',
    'sees an admin or auditor as such, or another district’s people. The youth service’s forum member is not a case',
    'worker, so their agency’s case worker does not see them.',
    '',
    `| who | relation | ${PEOPLE_COLUMN_KEYS.join(' | ')} |`,
    `|---|---|${PEOPLE_COLUMN_KEYS.map(() => '---').join('|')}|`,
    ...PEOPLE_MATRIX.map(
      (row) =>
        `| ${row.label} | ${row.relation} | ${PEOPLE_COLUMN_KEYS.map((column) => row.cells[column]).join(' | ')} |`,
    ),
    '',
  ].join('\n');
}

describe('the access matrix', () => {
  let app: TestApp;
  const concerns = {} as Record<Column, Concern>;
  const authors = {} as Record<Column, User>;
  const owners = {} as Record<Column, Agency>;
  const tokens = new Map<string, string>();
  const fixed = {} as Record<Exclude<Who, 'author' | 'colleague' | 'ownCaseWorker'>, User>;
  const perColumn = {} as Record<'colleague' | 'ownCaseWorker', Record<Column, User>>;
  let east: District;

  const tokenOf = async (user: User) => {
    if (!tokens.has(user.id)) tokens.set(user.id, (await login(app.http, user.email)).accessToken);
    return tokens.get(user.id)!;
  };

  const actorFor = (who: Who, column: Column): User => {
    if (who === 'author') return authors[column];
    if (who === 'colleague' || who === 'ownCaseWorker') return perColumn[who][column];
    return fixed[who];
  };

  beforeAll(async () => {
    app = await startTestApp();
    const ds = app.dataSource;
    east = await createDistrict(ds, 'Matrix East');
    const west = await createDistrict(ds, 'Matrix West');
    perColumn.colleague = {} as Record<Column, User>;
    perColumn.ownCaseWorker = {} as Record<Column, User>;
    for (const key of COLUMN_KEYS) {
      owners[key] = await createAgency(ds, { kind: COLUMNS[key].kind, districtId: east.id });
      authors[key] = await createUser(ds, { agency: owners[key], roles: ['reporter'], districts: [east] });
      perColumn.colleague[key] = await createUser(ds, { agency: owners[key], roles: ['reporter'], districts: [east] });
      perColumn.ownCaseWorker[key] = await createUser(ds, {
        agency: owners[key],
        roles: ['case_worker'],
        districts: [east],
      });
      concerns[key] = await createConcernRecord(ds, {
        reporter: authors[key],
        districtId: east.id,
        classification: COLUMNS[key].classification,
      });
    }
    const youthEast = await createAgency(ds, { kind: 'youth_service', districtId: east.id });
    const youthWest = await createAgency(ds, { kind: 'youth_service', districtId: west.id });
    const office = await createAgency(ds, { kind: 'other' });
    fixed.sameDistrictOtherAgency = await createUser(ds, {
      agency: youthEast,
      roles: ['reporter', 'case_worker'],
      districts: [east],
    });
    fixed.otherDistrictCaseWorker = await createUser(ds, {
      agency: youthWest,
      roles: ['case_worker'],
      districts: [west],
    });
    fixed.coordinator = await createUser(ds, { agency: office, roles: ['coordinator'], districts: [east] });
    fixed.otherCoordinator = await createUser(ds, { agency: office, roles: ['coordinator'], districts: [west] });
    fixed.forumMember = await createUser(ds, { agency: youthEast, roles: ['forum_member'], districts: [east] });
    fixed.auditor = await createUser(ds, { agency: office, roles: ['auditor'] });
    fixed.admin = await createUser(ds, { agency: office, roles: ['admin'] });
  });
  afterAll(() => app.close());

  it('is documented in docs/access-matrix.md, generated from this table', () => {
    expectCommittedFile('docs/access-matrix.md', renderMatrix());
  });

  describe.each(MATRIX)('$label ($relation)', (row) => {
    it(`create: ${row.create}`, async () => {
      const token = await tokenOf(actorFor(row.who, 'school'));
      const response = await app.http.post(
        '/api/v1/concerns',
        {
          subject: { fullName: 'Matrix Person', dateOfBirth: '2011-01-01', districtId: east.id },
          category: 'other',
          narrative: 'Created by the access matrix test',
          source: 'professional',
          riskLevel: 'low',
        },
        { token },
      );
      expect(response.status).toBe(row.create);
    });

    it.each(COLUMN_KEYS)('read and list: %s', async (column) => {
      const expected = row.read[column];
      const token = await tokenOf(actorFor(row.who, column));
      const concern = concerns[column];
      const detail = await app.http.get(`/api/v1/concerns/${concern.id}`, { token });
      const list = await app.http.get(`/api/v1/concerns?subjectId=${concern.subjectId}`, { token });
      const listed =
        list.status === 200 ? list.body.items.find((item: { id: string }) => item.id === concern.id) : undefined;
      if (expected === 'full' || expected === 'stub') {
        expect(detail.status).toBe(200);
        expect(detail.body.redacted).toBe(expected === 'stub');
        expect(listed?.redacted).toBe(expected === 'stub');
        if (expected === 'stub') {
          for (const body of [detail.body, listed]) {
            expect(JSON.stringify(body)).not.toContain(concern.narrative);
            expect(body).not.toHaveProperty('subject');
          }
        }
      } else {
        expect(detail.status).toBe(Number(expected));
        expect(list.status).toBe(expected === '403' ? 403 : 200);
        expect(listed).toBeUndefined();
      }
    });

    it.each(COLUMN_KEYS)('update: %s', async (column) => {
      const token = await tokenOf(actorFor(row.who, column));
      const [{ version }] = await app.dataSource.query('SELECT version FROM concerns WHERE id = $1', [
        concerns[column].id,
      ]);
      const response = await app.http.patch(
        `/api/v1/concerns/${concerns[column].id}`,
        { riskLevel: 'moderate', version },
        { token },
      );
      expect(response.status).toBe(row.update[column]);
    });

    it.each(COLUMN_KEYS)('triage: %s', async (column) => {
      const fresh = await createConcernRecord(app.dataSource, {
        reporter: authors[column],
        districtId: east.id,
        classification: COLUMNS[column].classification,
      });
      const token = await tokenOf(actorFor(row.who, column));
      const response = await app.http.post(
        `/api/v1/concerns/${fresh.id}/triage`,
        { outcome: 'guidance_only', note: 'Matrix triage' },
        { token },
      );
      expect(response.status).toBe(row.triage[column]);
    });
  });

  describe('referrals, notes and consent', () => {
    const receiving = () => perColumn.ownCaseWorker.ngo;
    const userFor = (who: ReferralRow['who']): User => (who === 'receiving' ? receiving() : actorFor(who, 'school'));

    /** A school concern, triaged as refer, referred on a guardian's consent to the NGO mentor programme. */
    async function scenario(withdrawn = false) {
      const coordinator = await tokenOf(fixed.coordinator);
      const concern = await createConcernRecord(app.dataSource, {
        reporter: authors.school,
        districtId: east.id,
        classification: 'coordination',
      });
      await app.http.post(
        `/api/v1/concerns/${concern.id}/triage`,
        { outcome: 'refer', note: 'Refer' },
        { token: coordinator },
      );
      const consent = await recordConsent(app.http, coordinator, {
        subjectId: concern.subjectId,
        agencyIds: [owners.ngo.id],
        purpose: 'Mentor',
      });
      const referral = await createReferral(app.http, coordinator, {
        concernId: concern.id,
        toAgencyId: owners.ngo.id,
        consentId: consent.id,
        reason: 'Matrix',
      });
      if (withdrawn) await app.http.post(`/api/v1/consents/${consent.id}/withdraw`, {}, { token: coordinator });
      return { concern, consent, referral };
    }

    const CHECKS: Record<ReferralOp, (token: string, world: Awaited<ReturnType<typeof scenario>>) => Promise<string>> =
      {
        'read referral': async (token, { referral }) =>
          String((await app.http.get(`/api/v1/referrals/${referral.id}`, { token })).status),
        'concern through it': async (token, { concern }) => {
          const response = await app.http.get(`/api/v1/concerns/${concern.id}`, { token });
          return response.status === 200 ? (response.body.redacted ? 'stub' : 'full') : String(response.status);
        },
        'add note': async (token, { referral }) =>
          String(
            (await app.http.post(`/api/v1/referrals/${referral.id}/notes`, { text: 'Matrix note' }, { token })).status,
          ),
        accept: async (token, { referral }) =>
          String(
            (
              await app.http.post(
                `/api/v1/referrals/${referral.id}/accept`,
                { caseWorkerId: receiving().id, version: referral.version },
                { token },
              )
            ).status,
          ),
        'record consent': async (token, { concern }) =>
          String(
            (
              await postConsent(app.http, token, {
                subjectId: concern.subjectId,
                agencyIds: [owners.ngo.id],
                purpose: 'More',
              })
            ).status,
          ),
        'read consents': async (token, { concern }) => {
          const response = await app.http.get(`/api/v1/subjects/${concern.subjectId}/consents`, { token });
          return response.status === 200 && response.body.items.length === 0 ? '200 (none)' : String(response.status);
        },
        'withdraw consent': async (token, { consent }) =>
          String((await app.http.post(`/api/v1/consents/${consent.id}/withdraw`, {}, { token })).status),
        'why (access)': async (token, { referral }) => {
          const response = await app.http.get(`/api/v1/referrals/${referral.id}/access`, { token });
          if (response.status !== 200) return String(response.status);
          return (response.body.grounds as { rule: string; legalBasis?: string }[])
            .map((ground) => (ground.legalBasis ? `${ground.rule} (${ground.legalBasis})` : ground.rule))
            .join(', ');
        },
      };

    describe.each(REFERRAL_MATRIX)('$label ($relation)', (row) => {
      it.each(REFERRAL_OPS)('%s', async (op) => {
        const world = await scenario(row.withdrawn);
        expect(await CHECKS[op](await tokenOf(userFor(row.who)), world)).toBe(row.cells[op]);
      });
    });
  });

  describe('immediate danger', () => {
    let otherPolice: User;

    beforeAll(async () => {
      otherPolice = await createUser(app.dataSource, {
        agency: await createAgency(app.dataSource, { kind: 'police', districtId: east.id }),
        roles: ['reporter', 'case_worker'],
        districts: [east],
      });
      const naming = await app.http.patch(
        `/api/v1/districts/${east.id}`,
        { emergencyPoliceAgencyId: owners.police.id },
        { token: await tokenOf(fixed.admin) },
      );
      expect(naming.status).toBe(200);
    });

    const userFor = (who: EmergencyRow['who']): User => {
      if (who === 'emergencyPolice') return perColumn.ownCaseWorker.police;
      if (who === 'otherPolice') return otherPolice;
      return fixed[who];
    };

    it.each(EMERGENCY_MATRIX)('$label ($relation)', async (row) => {
      const author = await tokenOf(authors.school);
      const created = await app.http.post(
        '/api/v1/concerns',
        {
          subject: { fullName: 'Matrix Danger', dateOfBirth: '2011-01-01', districtId: east.id },
          category: 'other',
          narrative: 'Raised by the access matrix test',
          source: 'professional',
          riskLevel: 'moderate',
        },
        { token: author },
      );
      let version = created.body.version as number;
      const seen: Record<string, Read> = {};
      for (const [stage, riskLevel] of [
        ['moderate', null],
        ['immediate danger', 'immediate_danger'],
        ['lowered to high', 'high'],
      ] as const) {
        if (riskLevel) {
          const changed = await app.http.patch(
            `/api/v1/concerns/${created.body.id}`,
            { riskLevel, version },
            { token: author },
          );
          expect(changed.status).toBe(200);
          version = changed.body.version;
        }
        const read = await app.http.get(`/api/v1/concerns/${created.body.id}`, {
          token: await tokenOf(userFor(row.who)),
        });
        seen[stage] = read.status === 200 ? (read.body.redacted ? 'stub' : 'full') : (String(read.status) as Read);
      }
      expect(seen).toEqual(row.cells);
    });
  });

  describe('meetings, agendas and minutes', () => {
    const invited = () => [fixed.forumMember, fixed.sameDistrictOtherAgency];
    let uninvitedMember: User;
    const userFor = (who: MeetingRow['who']): User => {
      if (who === 'invitedMember') return fixed.forumMember;
      if (who === 'invitedCaseWorker') return fixed.sameDistrictOtherAgency;
      if (who === 'uninvitedMember') return uninvitedMember;
      return fixed[who];
    };

    beforeAll(async () => {
      uninvitedMember = await createUser(app.dataSource, { roles: ['forum_member'], districts: [east] });
    });

    /** A forum of the east district; `started` moves its start into the past, as if it had begun. */
    async function meeting(started: boolean) {
      const { id } = await arrangeMeeting(app.http, await tokenOf(fixed.coordinator), {
        districtId: east.id,
        startsAt: new Date(Date.now() + 2 * 24 * 3_600_000).toISOString(),
        participantIds: invited().map((user) => user.id),
      });
      if (started)
        await app.dataSource.query("UPDATE meetings SET starts_at = now() - interval '1 minute' WHERE id = $1", [id]);
      return id as string;
    }

    const status = async (response: Promise<{ status: number }>) => String((await response).status);
    const CHECKS: Record<MeetingOp, (token: string, id: string) => Promise<string>> = {
      'read meeting': (token, id) => status(app.http.get(`/api/v1/meetings/${id}`, { token })),
      agenda: (token, id) => status(app.http.get(`/api/v1/meetings/${id}/agenda`, { token })),
      'agenda.pdf': (token, id) => status(app.http.bytes(`/api/v1/meetings/${id}/agenda.pdf`, { token })),
      'meeting.ics': (token, id) => status(app.http.bytes(`/api/v1/meetings/${id}/meeting.ics`, { token })),
      'generate agenda': (token, id) => status(app.http.post(`/api/v1/meetings/${id}/agenda`, {}, { token })),
      'add item': (token, id) =>
        status(app.http.post(`/api/v1/meetings/${id}/agenda/items`, { title: 'Matrix item' }, { token })),
      'record minutes': (token, id) =>
        status(
          app.http.post(`/api/v1/meetings/${id}/minutes`, { items: [{ decision: 'Matrix', actions: [] }] }, { token }),
        ),
      'read minutes': (token, id) => status(app.http.get(`/api/v1/meetings/${id}/minutes`, { token })),
    };

    describe.each(MEETING_MATRIX)('$label ($relation)', (row) => {
      it.each(MEETING_OPS)('%s', async (op) => {
        const id = await meeting(op === 'record minutes');
        expect(await CHECKS[op](await tokenOf(userFor(row.who)), id)).toBe(row.cells[op]);
      });
    });
  });

  describe('the first screens', () => {
    describe.each(MATRIX)('$label ($relation)', (row) => {
      it.each(COLUMN_KEYS)('timeline of the %s concern', async (key) => {
        const token = await tokenOf(actorFor(row.who, key));
        const response = await app.http.get(`/api/v1/concerns/${concerns[key].id}/timeline`, { token });
        const cell =
          response.status === 200 ? (response.body.redacted ? '200 (stub)' : '200') : String(response.status);
        expect(cell).toBe(timelineCell(row.read[key]));
      });

      it.each(COLUMN_KEYS)('why the %s concern can be seen', async (key) => {
        const token = await tokenOf(actorFor(row.who, key));
        const response = await app.http.get(`/api/v1/concerns/${concerns[key].id}/access`, { token });
        const cell =
          response.status === 200 ? (response.body.view === 'stub' ? '200 (stub)' : '200') : String(response.status);
        expect(cell).toBe(timelineCell(row.read[key]));
        if (response.status === 200) expect(response.body.grounds.length).toBeGreaterThan(0);
      });

      it.each(COLUMN_KEYS)('search for the %s concern’s subject', async (key) => {
        const token = await tokenOf(actorFor(row.who, key));
        const [{ full_name: name }] = await app.dataSource.query('SELECT full_name FROM subjects WHERE id = $1', [
          concerns[key].subjectId,
        ]);
        const response = await app.http.get(`/api/v1/subjects?query=${encodeURIComponent(name)}&limit=50`, { token });
        const hit =
          response.status === 200
            ? response.body.items.find((item: { id: string }) => item.id === concerns[key].subjectId)
            : undefined;
        const cell =
          response.status !== 200 ? String(response.status) : !hit ? 'none' : hit.redacted ? 'pseudonym' : 'identity';
        expect(cell).toBe(SEARCH_MATRIX[row.who][key]);
      });
    });
  });

  describe('legal holds', () => {
    const userFor = (who: HoldRow['who']): User =>
      who === 'registeringCaseWorker' ? perColumn.ownCaseWorker.school : fixed[who];
    const future = (days: number) => new Date(Date.now() + days * 24 * 3_600_000).toISOString();

    /** A subject of the east district registered by the school, with a hold its coordinator placed. */
    async function scenario() {
      const subject = await createSubjectRecord(app.dataSource, { districtId: east.id, createdBy: authors.school });
      const placed = await app.http.post(
        `/api/v1/subjects/${subject.id}/legal-holds`,
        { reason: 'Court proceedings pending', until: future(30) },
        { token: await tokenOf(fixed.coordinator) },
      );
      expect(placed.status).toBe(201);
      return { subjectId: subject.id, holdId: placed.body.id as string };
    }

    const status = async (response: Promise<{ status: number }>) => String((await response).status);
    const CHECKS: Record<HoldOp, (token: string, world: Awaited<ReturnType<typeof scenario>>) => Promise<string>> = {
      place: (token, { subjectId }) =>
        status(
          app.http.post(
            `/api/v1/subjects/${subjectId}/legal-holds`,
            { reason: 'Another hold for the matrix', until: future(10) },
            { token },
          ),
        ),
      'subject’s holds': (token, { subjectId }) =>
        status(app.http.get(`/api/v1/subjects/${subjectId}/legal-holds`, { token })),
      list: async (token, { holdId }) => {
        const response = await app.http.get('/api/v1/legal-holds', { token });
        const listed =
          response.status === 200 && response.body.items.some((hold: { id: string }) => hold.id === holdId);
        return response.status === 200 && !listed ? '200 (none)' : String(response.status);
      },
      'read hold': (token, { holdId }) => status(app.http.get(`/api/v1/legal-holds/${holdId}`, { token })),
      lift: (token, { holdId }) =>
        status(app.http.post(`/api/v1/legal-holds/${holdId}/lift`, { reason: 'Lifted by the matrix' }, { token })),
    };

    describe.each(HOLD_MATRIX)('$label ($relation)', (row) => {
      it.each(HOLD_OPS)('%s', async (op) => {
        const world = await scenario();
        expect(await CHECKS[op](await tokenOf(userFor(row.who)), world)).toBe(row.cells[op]);
      });
    });
  });

  describe('erasure and retention', () => {
    const userFor = (who: RetentionRow['who']): User =>
      who === 'registeringCaseWorker' ? perColumn.ownCaseWorker.school : fixed[who];

    /** A fresh subject of the east district registered by the school: with no case, or with a concern still new. */
    async function scenario(open: boolean): Promise<string> {
      if (!open)
        return (await createSubjectRecord(app.dataSource, { districtId: east.id, createdBy: authors.school })).id;
      const concern = await createConcernRecord(app.dataSource, {
        reporter: authors.school,
        districtId: east.id,
        classification: 'coordination',
      });
      return concern.subjectId;
    }

    const status = async (response: Promise<{ status: number }>) => String((await response).status);
    const erase = (token: string, subjectId: string) =>
      status(
        app.http.post(
          `/api/v1/subjects/${subjectId}/erasure`,
          { ground: 'no_longer_necessary', reason: 'Matrix erasure request' },
          { token },
        ),
      );
    const CHECKS: Record<RetentionOp, (token: string) => Promise<string>> = {
      'erase (no case open)': async (token) => erase(token, await scenario(false)),
      'erase (case open)': async (token) => erase(token, await scenario(true)),
      'dry run': (token) => status(app.http.get('/api/v1/retention/next-run', { token })),
      'last runs': (token) => status(app.http.get('/api/v1/retention/runs', { token })),
    };

    describe.each(RETENTION_MATRIX)('$label ($relation)', (row) => {
      it.each(RETENTION_OPS)('%s', async (op) => {
        expect(await CHECKS[op](await tokenOf(userFor(row.who)))).toBe(row.cells[op]);
      });
    });
  });

  describe('access requests', () => {
    const userFor = (who: PackageRow['who']): User =>
      who === 'registeringCaseWorker' ? perColumn.ownCaseWorker.school : fixed[who];

    /** A subject of the east district registered by the school, with a school and a police concern about them. */
    async function scenario() {
      const subject = await createSubjectRecord(app.dataSource, { districtId: east.id, createdBy: authors.school });
      for (const key of ['school', 'police'] as const) {
        await app.dataSource.getRepository(Concern).save({
          subjectId: subject.id,
          category: 'other',
          narrative: `The ${key} concern of the access matrix`,
          source: 'professional',
          riskLevel: 'low',
          classification: COLUMNS[key].classification,
          owningAgencyId: owners[key].id,
          reporterId: authors[key].id,
          districtId: east.id,
          status: 'new',
        });
      }
      return subject.id;
    }

    const CHECKS: Record<PackageOp, (token: string, subjectId: string) => Promise<string>> = {
      'package (JSON)': async (token, subjectId) => {
        const response = await app.http.post(
          `/api/v1/subjects/${subjectId}/access-package`,
          { purpose: 'Matrix access request', language: 'en' },
          { token },
        );
        if (response.status === 200) expect(JSON.stringify(response.body)).not.toContain('The police concern');
        return String(response.status);
      },
      'package (PDF)': async (token, subjectId) => {
        const response = await app.http.post(
          `/api/v1/subjects/${subjectId}/access-package`,
          { purpose: 'Matrix access request', language: 'nn', format: 'pdf' },
          { token },
        );
        if (response.status === 200) expect(response.headers.get('content-type')).toBe('application/pdf');
        return String(response.status);
      },
    };

    describe.each(PACKAGE_MATRIX)('$label ($relation)', (row) => {
      it.each(PACKAGE_OPS)('%s', async (op) => {
        const subjectId = await scenario();
        expect(await CHECKS[op](await tokenOf(userFor(row.who)), subjectId)).toBe(row.cells[op]);
      });
    });
  });

  describe('the audit trail and break-glass', () => {
    const status = async (response: Promise<{ status: number }>) => String((await response).status);
    const CHECKS: Record<AuditOp, (token: string) => Promise<string>> = {
      'search events': (token) => status(app.http.get('/api/v1/audit/events', { token })),
      'events.csv': (token) => status(app.http.bytes('/api/v1/audit/events.csv', { token })),
      count: (token) => status(app.http.get('/api/v1/audit/events/count', { token })),
      'start export': (token) =>
        status(app.http.post('/api/v1/audit/exports', { filters: {}, purpose: 'Matrix export' }, { token })),
      exports: (token) => status(app.http.get('/api/v1/audit/exports', { token })),
      'who has seen': (token) =>
        status(app.http.get(`/api/v1/audit/subjects/${concerns.police.subjectId}/accesses`, { token })),
      verify: (token) => status(app.http.get('/api/v1/audit/verify', { token })),
      'start verification': (token) => status(app.http.post('/api/v1/audit/verifications', {}, { token })),
      verifications: (token) => status(app.http.get('/api/v1/audit/verifications', { token })),
      flags: (token) => status(app.http.get('/api/v1/audit/flags', { token })),
      'grants to review': (token) => status(app.http.get('/api/v1/audit/break-glass', { token })),
      'break glass': async (token) => {
        const fresh = await createConcernRecord(app.dataSource, {
          reporter: authors.police,
          districtId: east.id,
          classification: 'agency_restricted',
        });
        return status(
          app.http.post(
            '/api/v1/break-glass',
            {
              resourceType: 'concern',
              resourceId: fresh.id,
              reasonCode: 'imminent_risk',
              justification: 'The access matrix checks who may break the glass',
            },
            { token },
          ),
        );
      },
    };

    describe.each(AUDIT_MATRIX)('$label', (row) => {
      it.each(AUDIT_OPS)('%s', async (op) => {
        expect(await CHECKS[op](await tokenOf(fixed[row.who]))).toBe(row.cells[op]);
      });
    });
  });

  describe('your own profile', () => {
    describe.each(PROFILE_MATRIX)('$label', (row) => {
      it.each(PROFILE_OPS)('%s: 200, their own', async (op: ProfileOp) => {
        const user = fixed[row.who];
        const token = await tokenOf(user);
        const response =
          op === 'read'
            ? await app.http.get('/api/v1/me', { token })
            : await app.http.patch('/api/v1/me', { locale: 'en' }, { token });
        expect(response.status).toBe(200);
        expect(response.body.id).toBe(user.id);
      });
    });
  });

  describe('follow-ups moved, forum series, work handed over', () => {
    let seriesId: string;

    beforeAll(async () => {
      const created = await app.http.post(
        '/api/v1/forum-series',
        { districtId: east.id, rule: 'second Thursday 13:00', participantIds: [fixed.forumMember.id] },
        { token: await tokenOf(fixed.coordinator) },
      );
      expect(created.status).toBe(201);
      seriesId = created.body.id;
    });

    const status = async (response: Promise<{ status: number }>) => String((await response).status);
    const CHECKS: Record<WorkOp, (token: string) => Promise<string>> = {
      'move follow-up': async (token) => {
        const owner = fixed.sameDistrictOtherAgency;
        const followUp = await createFollowUp(app.http, { token: await tokenOf(owner) }, { ownerId: owner.id });
        const dueAt = new Date(Date.now() + 3 * 24 * 3_600_000).toISOString();
        return status(
          app.http.patch(`/api/v1/follow-ups/${followUp.id}`, { dueAt, version: followUp.version }, { token }),
        );
      },
      'read series': (token) => status(app.http.get(`/api/v1/forum-series/${seriesId}`, { token })),
      'change series': (token) =>
        status(app.http.patch(`/api/v1/forum-series/${seriesId}`, { location: 'Matrix room' }, { token })),
      'reset second factor': async (token) => {
        const user = await createUser(app.dataSource, { roles: ['reporter'] });
        return status(
          app.http.post(`/api/v1/users/${user.id}/second-factor/reset`, { reason: 'Lost phone, checked' }, { token }),
        );
      },
      'queue ticket': (token) => status(app.http.post('/api/v1/queue-dashboard/ticket', undefined, { token })),
      'hand over work': (token) =>
        status(
          app.http.post(
            `/api/v1/users/${fixed.forumMember.id}/hand-over`,
            { toUserId: fixed.sameDistrictOtherAgency.id },
            { token },
          ),
        ),
    };

    describe.each(WORK_MATRIX)('$label ($relation)', (row) => {
      it.each(WORK_OPS)('%s', async (op) => {
        expect(await CHECKS[op](await tokenOf(fixed[row.who]))).toBe(row.cells[op]);
      });
    });
  });

  describe('the referral inbox’s last look', () => {
    const CHECKS: Record<InboxOp, (token: string) => Promise<string>> = {
      'read last look': async (token) => String((await app.http.get('/api/v1/me/inboxes/referrals', { token })).status),
      'mark looked': async (token) =>
        String((await app.http.post('/api/v1/me/inboxes/referrals/seen', {}, { token })).status),
    };

    describe.each(INBOX_MATRIX)('$label', (row) => {
      it.each(INBOX_OPS)('%s', async (op) => {
        expect(await CHECKS[op](await tokenOf(fixed[row.who]))).toBe(row.cells[op]);
      });
    });
  });

  describe('the people directory', () => {
    const personOf = (column: PeopleColumn) => actorFor(PEOPLE_COLUMNS[column], 'school');

    describe.each(PEOPLE_MATRIX)('$label ($relation)', (row) => {
      it.each(PEOPLE_COLUMN_KEYS)('%s', async (column) => {
        const response = await app.http.get('/api/v1/people?limit=200', {
          token: await tokenOf(actorFor(row.who, 'school')),
        });
        const listed = (items: { id: string }[]) => items.some((item) => item.id === personOf(column).id);
        const seen = response.status === 200 ? (listed(response.body.items) ? 'listed' : '—') : String(response.status);
        expect(seen).toBe(row.cells[column]);
      });
    });
  });
});
