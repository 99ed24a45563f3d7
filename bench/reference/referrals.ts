import { PoolClient } from 'pg';
import { sharePurpose } from '../../src/referrals/legal-basis';
import { LegalBasis } from '../../src/referrals/referral-vocabulary';
import { Actor, Standing } from './actor';
import { recordEvents } from './audit';
import { encodeCursor, PageAsked } from './http';
import { commonParams, shareActive, TYPED_PARAMS } from './rules';

interface ReferralRow {
  id: string;
  concern_id: string;
  subject_id: string;
  district_id: string;
  to_agency_id: string;
  programme: string | null;
  legal_basis: LegalBasis;
  consent_id: string | null;
  reason: string;
  review_date: string;
  status: string;
  case_worker_id: string | null;
  decline_reason: string | null;
  outcome: string | null;
  outcome_note: string | null;
  version: number;
  created_at: Date;
  updated_at: Date;
  agency_name: string;
  agency_kind: string;
  pseudonym: string;
  case_worker_name: string | null;
  seen_at: Date | null;
  seen_by_name: string | null;
  seen_by_agency_name: string | null;
  unseen_flagged_at: Date | null;
}

export const mayReadReferrals = (who: Standing) => who.coordinator || who.sharesReader;

/** The referrals the caller may see, by review date: one index-ordered, limited branch per rule, merged. */
function boardSql(who: Standing, after: boolean): string {
  const cursor = after ? `AND r.review_date >= $7::date AND (r.review_date, r.id) > ($7::date, $8)` : '';
  const ordered = `ORDER BY r.review_date, r.id LIMIT $6`;
  const branches: string[] = [];
  if (who.coordinator) {
    branches.push(`(SELECT page.id, page.review_date FROM unnest($3::uuid[]) AS district(id)
                     CROSS JOIN LATERAL (SELECT r.id, r.review_date FROM referrals r WHERE r.district_id = district.id ${cursor} ${ordered}) page)`);
  }
  if (who.sharesReader) {
    branches.push(
      `(SELECT r.id, r.review_date FROM referrals r WHERE r.to_agency_id = $2 AND ${shareActive('r')} ${cursor} ${ordered})`,
    );
  }
  return `WITH ${TYPED_PARAMS}, page AS (SELECT id, review_date FROM (${branches.join(' UNION ')}) merged ORDER BY review_date, id LIMIT $6)
          SELECT r.*, agency.name AS agency_name, agency.kind AS agency_kind, s.pseudonym,
                 case_worker.name AS case_worker_name, seen_by.name AS seen_by_name,
                 seen_by_agency.name AS seen_by_agency_name
            FROM page JOIN referrals r ON r.id = page.id
            JOIN agencies agency ON agency.id = r.to_agency_id
            JOIN subjects s ON s.id = r.subject_id
            LEFT JOIN users case_worker ON case_worker.id = r.case_worker_id
            LEFT JOIN users seen_by ON seen_by.id = r.seen_by_id
            LEFT JOIN agencies seen_by_agency ON seen_by_agency.id = seen_by.agency_id
           ORDER BY r.review_date, r.id`;
}

const OPEN = ['pending', 'accepted', 'in_progress'];

function referralAnswer(row: ReferralRow, today: string) {
  return {
    id: row.id,
    concernId: row.concern_id,
    pseudonym: row.pseudonym,
    districtId: row.district_id,
    toAgency: { id: row.to_agency_id, name: row.agency_name, kind: row.agency_kind },
    programme: row.programme,
    legalBasis: row.legal_basis,
    consentId: row.consent_id,
    reason: row.reason,
    reviewDate: row.review_date,
    overdue: OPEN.includes(row.status) && row.review_date < today,
    status: row.status,
    outcome: row.outcome,
    outcomeNote: row.outcome_note,
    declineReason: row.decline_reason,
    caseWorkerId: row.case_worker_id,
    caseWorker: row.case_worker_id ? { id: row.case_worker_id, name: row.case_worker_name } : null,
    version: row.version,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
    receipt: row.seen_at
      ? {
          seenAt: row.seen_at.toISOString(),
          seenBy: { name: row.seen_by_name ?? '', agency: row.seen_by_agency_name ?? '' },
        }
      : null,
    unseenFlaggedAt: row.unseen_flagged_at?.toISOString() ?? null,
  };
}

/** GET /api/v1/referrals: the board, and one `referral.listed` event per referral shown, in one transaction. */
export async function referralBoard(
  db: PoolClient,
  who: Standing,
  actor: Actor,
  page: PageAsked,
  now: Date,
  requestId: string,
) {
  const values: unknown[] = [...commonParams(actor, now), page.limit + 1];
  if (page.cursor) values.push(page.cursor.key, page.cursor.id);
  const { rows } = await db.query<ReferralRow>({
    name: `referrals:${Number(who.coordinator)}${Number(who.sharesReader)}${page.cursor ? ':after' : ''}`,
    text: boardSql(who, page.cursor !== null),
    values,
  });
  const shown = rows.slice(0, page.limit);
  await recordEvents(
    db,
    actor,
    requestId,
    shown.map((row) => ({
      action: 'referral.list',
      resourceId: row.id,
      subjectId: row.subject_id,
      outcome: 'allowed' as const,
      purpose: sharePurpose({ legalBasis: row.legal_basis, consentId: row.consent_id }),
    })),
    now,
  );
  const today = now.toISOString().slice(0, 10);
  const last = shown[shown.length - 1];
  return {
    items: shown.map((row) => referralAnswer(row, today)),
    nextCursor: rows.length > page.limit && last ? encodeCursor(last.review_date, last.id) : null,
  };
}
