import { randomInt } from 'node:crypto';
import { PoolClient } from 'pg';
import { CONCERN_FIELDS, CONCERN_STUB_FIELDS } from '../../src/access/ability';
import {
  CLASSIFICATIONS,
  CONCERN_CATEGORIES,
  CONCERN_SOURCES,
  RISK_LEVELS,
  STAGE_OF_STATUS,
} from '../../src/concerns/concern-vocabulary';
import { AuditRecord } from '../../src/audit/audit.service';
import { nameKey } from '../../src/subjects/name-key';
import { isMinor } from '../../src/subjects/pseudonym';
import { Actor, Standing } from './actor';
import { recordEvents } from './audit';
import { encodeCursor, invalid, isUuid, PageAsked, Refusal } from './http';
import {
  agencyShareBasis,
  COMMON_PARAMS,
  commonParams,
  ConcernFacts,
  concernVisible,
  readable,
  readBasis,
  shareActive,
  subjectVisible,
  TYPED_PARAMS,
  vitalInterestColumn,
} from './rules';

/** A concern row with what its answer names: subject, owning agency, reporter and the reporter's agency. */
type ConcernRow = ConcernFacts & {
  subject_id: string;
  category: string;
  narrative: string;
  source: string;
  risk_level: string;
  status: string;
  triage_outcome: string | null;
  triage_note: string | null;
  triaged_by_id: string | null;
  triaged_at: Date | null;
  version: number;
  created_at: Date;
  updated_at: Date;
  pseudonym: string;
  full_name: string;
  date_of_birth: string;
  anonymised_at: Date | null;
  subject_district_id: string;
  owner_name: string;
  owner_kind: string;
  reporter_name: string;
  reporter_email: string;
  reporter_agency_name: string;
};

const SELECTED = (who: Standing) => `
  c.id, c.subject_id, c.category, c.narrative, c.source, c.risk_level, c.classification, c.owning_agency_id, c.reporter_id,
  c.district_id, c.status, c.triage_outcome, c.triage_note, c.triaged_by_id, c.triaged_at, c.version, c.created_at, c.updated_at,
  s.pseudonym, s.full_name, s.date_of_birth, s.anonymised_at, s.district_id AS subject_district_id,
  owner.name AS owner_name, owner.kind AS owner_kind,
  reporter.name AS reporter_name, reporter.email AS reporter_email, reporter_agency.name AS reporter_agency_name,
  ${agencyShareBasis(who, 'c')} AS share_basis, ${vitalInterestColumn(who, 'c')} AS vital_interest`;

const JOINED = `
  JOIN subjects s ON s.id = c.subject_id
  JOIN agencies owner ON owner.id = c.owning_agency_id
  JOIN users reporter ON reporter.id = c.reporter_id
  JOIN agencies reporter_agency ON reporter_agency.id = reporter.agency_id`;

/** The answer for a concern: only the fields the caller may read (src/concerns/concern-view.ts). */
export function concernAnswer(who: Standing, actor: Actor, row: ConcernRow): Record<string, unknown> {
  const { full, triage } = readable(who, actor, row);
  const every: Record<string, unknown> = {
    id: row.id,
    pseudonym: row.pseudonym,
    category: row.category,
    riskLevel: row.risk_level,
    status: row.status,
    owningAgency: { id: row.owning_agency_id, name: row.owner_name, kind: row.owner_kind },
    contact: { name: row.reporter_name, email: row.reporter_email, agencyName: row.reporter_agency_name },
    districtId: row.district_id,
    createdAt: row.created_at.toISOString(),
    subject: {
      id: row.subject_id,
      pseudonym: row.pseudonym,
      districtId: row.subject_district_id,
      isMinor: isMinor(row.date_of_birth, new Date()),
      redacted: false,
      anonymised: row.anonymised_at !== null,
      fullName: row.full_name,
      dateOfBirth: row.date_of_birth,
    },
    narrative: row.narrative,
    source: row.source,
    classification: row.classification,
    version: row.version,
    updatedAt: row.updated_at.toISOString(),
    triage: row.triage_outcome
      ? {
          outcome: row.triage_outcome,
          note: row.triage_note,
          triagedById: row.triaged_by_id,
          triagedAt: row.triaged_at?.toISOString(),
        }
      : null,
  };
  const stub = new Set(CONCERN_STUB_FIELDS);
  const answer: Record<string, unknown> = { id: row.id, redacted: !full };
  for (const field of CONCERN_FIELDS) {
    if ((field === 'triage' && triage) || (field !== 'triage' && (full || stub.has(field))))
      answer[field] = every[field];
  }
  if ('status' in answer) answer.stage = STAGE_OF_STATUS[row.status as keyof typeof STAGE_OF_STATUS];
  return answer;
}

const readEvent = (
  action: 'concern.read' | 'concern.list',
  row: ConcernRow,
  who: Standing,
  actor: Actor,
): AuditRecord => ({
  action,
  resourceId: row.id,
  subjectId: row.subject_id,
  outcome: 'allowed',
  purpose: readBasis(who, actor, row),
});

/** Every concern the caller may see, newest first: one index-ordered, limited branch per rule, merged. */
function listSql(who: Standing, after: boolean): string {
  const cursor = after ? `AND c.created_at <= $7 AND (c.created_at, c.id) < ($7, $8)` : '';
  const ordered = `ORDER BY c.created_at DESC, c.id DESC LIMIT $6`;
  const branches: string[] = [];
  if (who.author)
    branches.push(`(SELECT c.id, c.created_at FROM concerns c WHERE c.reporter_id = $1 ${cursor} ${ordered})`);
  if (who.caseWorker) {
    branches.push(`(SELECT c.id, c.created_at FROM concerns c WHERE c.owning_agency_id = $2 ${cursor} ${ordered})`);
  }
  if (who.coordinator) {
    branches.push(`(SELECT page.id, page.created_at FROM unnest($3::uuid[]) AS district(id)
                     CROSS JOIN LATERAL (SELECT c.id, c.created_at FROM concerns c WHERE c.district_id = district.id ${cursor} ${ordered}) page)`);
    branches.push(`(SELECT c.id, c.created_at FROM concerns c WHERE c.id = ANY($4) ${cursor})`);
  }
  if (who.sharesReader) {
    branches.push(`(SELECT c.id, c.created_at FROM referrals r JOIN concerns c ON c.id = r.concern_id
                     WHERE r.to_agency_id = $2 AND ${shareActive('r')} ${cursor} ${ordered})`);
    branches.push(`(SELECT c.id, c.created_at FROM emergency_shares e JOIN concerns c ON c.id = e.concern_id
                     WHERE e.agency_id = $2 AND c.risk_level = 'immediate_danger' ${cursor} ${ordered})`);
  }
  return `WITH ${TYPED_PARAMS}, page AS (SELECT id, created_at FROM (${branches.join(' UNION ')}) merged ORDER BY created_at DESC, id DESC LIMIT $6)
          SELECT ${SELECTED(who)} FROM page JOIN concerns c ON c.id = page.id ${JOINED}
           ORDER BY c.created_at DESC, c.id DESC`;
}

const statementName = (kind: string, who: Standing, extra = '') =>
  `${kind}:${Number(who.author)}${Number(who.sharesReader)}${Number(who.caseWorker)}${Number(who.coordinator)}${extra}`;

export function mayReadConcerns(who: Standing): boolean {
  return who.author || who.sharesReader || who.caseWorker || who.coordinator;
}

/** GET /api/v1/concerns: a page, and one `concern.listed` event per concern shown, in one transaction. */
export async function listConcerns(
  db: PoolClient,
  who: Standing,
  actor: Actor,
  page: PageAsked,
  now: Date,
  requestId: string,
) {
  const values: unknown[] = [...commonParams(actor, now), page.limit + 1];
  if (page.cursor) values.push(page.cursor.key, page.cursor.id);
  const { rows } = await db.query<ConcernRow>({
    name: statementName('concerns', who, page.cursor ? ':after' : ''),
    text: listSql(who, page.cursor !== null),
    values,
  });
  const shown = rows.slice(0, page.limit);
  await recordEvents(
    db,
    actor,
    requestId,
    shown.map((row) => readEvent('concern.list', row, who, actor)),
    now,
  );
  const last = shown[shown.length - 1];
  return {
    items: shown.map((row) => concernAnswer(who, actor, row)),
    nextCursor: rows.length > page.limit && last ? encodeCursor(last.created_at.toISOString(), last.id) : null,
  };
}

/** GET /api/v1/concerns/:id: the concern if the caller may see it, its read (or the refusal) audited. */
export async function readConcern(
  db: PoolClient,
  who: Standing,
  actor: Actor,
  id: string,
  now: Date,
  requestId: string,
) {
  const { rows } = await db.query<ConcernRow>({
    name: statementName('concern', who),
    text: `WITH ${TYPED_PARAMS} SELECT ${SELECTED(who)} FROM concerns c ${JOINED} WHERE c.id = $${COMMON_PARAMS + 1} AND ${concernVisible(who, 'c')}`,
    values: [...commonParams(actor, now), id],
  });
  const row = rows[0];
  await recordEvents(
    db,
    actor,
    requestId,
    [
      row
        ? readEvent('concern.read', row, who, actor)
        : { action: 'concern.read', resourceId: id, subjectId: null, outcome: 'denied' },
    ],
    now,
  );
  // The refusal is recorded and committed: the caller answers 404 once the transaction is over.
  return row ? concernAnswer(who, actor, row) : null;
}

const ENUMS: Record<string, readonly string[]> = {
  category: CONCERN_CATEGORIES,
  source: CONCERN_SOURCES,
  // The reference takes no immediate danger (it does not alert the police).
  riskLevel: RISK_LEVELS.filter((level) => level !== 'immediate_danger'),
  classification: CLASSIFICATIONS,
};

interface NewConcern {
  category: string;
  narrative: string;
  source: string;
  riskLevel: string;
  classification?: string;
  subject: { fullName: string; dateOfBirth: string; districtId: string };
}

/** The body of a concern about a new subject, checked as the API's DTOs check it (what this server implements of them). */
function newConcern(body: unknown): NewConcern {
  const input = (body ?? {}) as Record<string, unknown>;
  const subject = (input.subject ?? {}) as Record<string, unknown>;
  if (input.subjectId !== undefined || typeof input.subject !== 'object') {
    throw invalid('the reference server implements a concern about a new subject only');
  }
  for (const [field, allowed] of Object.entries(ENUMS)) {
    const value = input[field];
    if (field === 'classification' && value === undefined) continue;
    if (typeof value !== 'string' || !allowed.includes(value))
      throw invalid(`${field} is not one of ${allowed.join(', ')}`);
  }
  if (typeof input.narrative !== 'string' || input.narrative.length === 0 || input.narrative.length > 20_000) {
    throw invalid('narrative must be 1 to 20,000 characters');
  }
  const fullName = typeof subject.fullName === 'string' ? subject.fullName.trim() : '';
  if (fullName.length === 0 || fullName.length > 200 || /[\n\r]/.test(fullName))
    throw invalid('fullName must be one line');
  const dateOfBirth = subject.dateOfBirth;
  const born =
    typeof dateOfBirth === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(dateOfBirth)
      ? new Date(`${dateOfBirth}T00:00:00Z`)
      : null;
  if (!born || Number.isNaN(born.getTime()) || born.toISOString().slice(0, 10) !== dateOfBirth) {
    throw invalid('dateOfBirth must be a real date such as 2010-05-17');
  }
  if (born.getTime() > Date.now() || born.getUTCFullYear() < 1900) {
    throw new Refusal(422, 'invalid-subject', 'dateOfBirth must be a date between 1900 and today');
  }
  if (!isUuid(subject.districtId)) throw invalid('districtId must be a UUID');
  return {
    category: input.category as string,
    narrative: input.narrative,
    source: input.source as string,
    riskLevel: input.riskLevel as string,
    classification: input.classification as string | undefined,
    subject: { fullName, dateOfBirth: dateOfBirth, districtId: subject.districtId },
  };
}

const PSEUDONYM_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const newPseudonym = () =>
  `S-${Array.from({ length: 6 }, () => PSEUDONYM_ALPHABET[randomInt(PSEUDONYM_ALPHABET.length)]).join('')}`;

/**
 * The subject and the concern in one statement, with the subjects the caller may know of that have the same
 * date of birth and a similar name (the API's duplicate candidates: pg_trgm similarity ≥ 0.4, ten at most).
 * The statement's snapshot does not see the new subject, so it is never its own candidate.
 */
const CREATE_SQL = (who: Standing) => `
WITH ${TYPED_PARAMS}, district AS (SELECT id FROM districts WHERE id = $8),
subject AS (
  INSERT INTO subjects (pseudonym, full_name, name_key, date_of_birth, district_id, created_by_id, created_by_agency_id)
  SELECT $6, $7, $9::text, $10::date, district.id, $1, $2 FROM district
  ON CONFLICT (pseudonym) DO NOTHING
  RETURNING id, pseudonym, district_id, created_at),
concern AS (
  INSERT INTO concerns (subject_id, category, narrative, source, risk_level, classification, owning_agency_id, reporter_id,
                        district_id, status, version)
  SELECT subject.id, $11::concern_category, $12, $13::concern_source, $14::risk_level, $15::concern_classification, $2, $1,
         subject.district_id, 'new'::concern_status, 1 FROM subject
  RETURNING id, created_at, updated_at, version),
candidates AS (
  SELECT s.id FROM subjects s
   WHERE s.date_of_birth = $10::date AND similarity(s.name_key, $9::text) >= 0.4 AND ${subjectVisible(who, 's')}
   ORDER BY similarity(s.name_key, $9::text) DESC LIMIT 10)
SELECT (SELECT count(*) FROM district)::int AS districts, subject.id AS subject_id, subject.pseudonym, subject.district_id,
       concern.id, concern.created_at, concern.updated_at, concern.version,
       ARRAY(SELECT id FROM candidates) AS candidates
  FROM (SELECT 1) one LEFT JOIN subject ON TRUE LEFT JOIN concern ON TRUE`;

/** POST /api/v1/concerns with a new subject: both written and audited in one transaction; answers the new concern. */
export async function createConcern(
  db: PoolClient,
  who: Standing,
  actor: Actor,
  body: unknown,
  now: Date,
  requestId: string,
) {
  const input = newConcern(body);
  const restricted = actor.agencyKind === 'police' || actor.agencyKind === 'health';
  if (restricted && input.classification === 'coordination') {
    throw new Refusal(
      422,
      'classification-not-allowed',
      'Concerns of police and health agencies stay agency_restricted',
    );
  }
  const classification = input.classification ?? (restricted ? 'agency_restricted' : 'coordination');
  const key = nameKey(input.subject.fullName);
  for (let attempt = 0; attempt < 5; attempt++) {
    const { rows } = await db.query({
      name: statementName('create', who),
      text: CREATE_SQL(who),
      values: [
        ...commonParams(actor, now),
        newPseudonym(),
        input.subject.fullName,
        input.subject.districtId,
        key,
        input.subject.dateOfBirth,
        input.category,
        input.narrative,
        input.source,
        input.riskLevel,
        classification,
      ],
    });
    const made = rows[0];
    if (made.districts === 0) throw new Refusal(422, 'invalid-subject', 'districtId: no district with this id');
    if (!made.id) continue; // the pseudonym was taken: draw another
    await recordEvents(
      db,
      actor,
      requestId,
      [
        {
          action: 'subject.create',
          resourceId: made.subject_id,
          subjectId: made.subject_id,
          outcome: 'allowed',
          details: { possibleDuplicates: made.candidates },
        },
        {
          action: 'concern.create',
          resourceId: made.id,
          subjectId: made.subject_id,
          outcome: 'allowed',
          severity: 'info',
          details: { riskLevel: input.riskLevel, classification },
        },
      ],
      now,
    );
    const row: ConcernRow = {
      id: made.id,
      subject_id: made.subject_id,
      category: input.category,
      narrative: input.narrative,
      source: input.source,
      risk_level: input.riskLevel,
      classification,
      owning_agency_id: actor.agencyId,
      reporter_id: actor.id,
      district_id: made.district_id,
      status: 'new',
      triage_outcome: null,
      triage_note: null,
      triaged_by_id: null,
      triaged_at: null,
      version: made.version,
      created_at: made.created_at,
      updated_at: made.updated_at,
      pseudonym: made.pseudonym,
      full_name: input.subject.fullName,
      date_of_birth: input.subject.dateOfBirth,
      anonymised_at: null,
      subject_district_id: made.district_id,
      owner_name: actor.agencyName,
      owner_kind: actor.agencyKind,
      reporter_name: actor.name,
      reporter_email: actor.email,
      reporter_agency_name: actor.agencyName,
      share_basis: null,
      vital_interest: false,
    };
    return concernAnswer(who, actor, row);
  }
  throw new Error('no free pseudonym after five draws');
}
