import { EntityManager } from 'typeorm';
import { AgencyKind } from '../agencies/agency-kind';
import { Classification, ConcernCategory, ConcernStatus, RiskLevel } from '../concerns/concern-vocabulary';
import { LegalBasis, ReferralStatus } from '../referrals/referral-vocabulary';

interface AgencyFacts {
  id: string;
  name: string;
  kind: AgencyKind;
}

/**
 * What an agenda item says about its case — never the subject's identity or a narrative. Read
 * live until the meeting starts, then kept as the item's snapshot. JSON-safe: times as text.
 */
export interface AgendaItemFacts {
  subjectId: string | null;
  pseudonym: string | null;
  concern: {
    id: string;
    category: ConcernCategory;
    riskLevel: RiskLevel;
    status: ConcernStatus;
    classification: Classification;
    createdAt: string;
    owningAgency: AgencyFacts;
  } | null;
  referral: {
    id: string;
    status: ReferralStatus;
    reviewDate: string;
    legalBasis: LegalBasis;
    toAgency: AgencyFacts;
  } | null;
  followUp: {
    id: string;
    dueAt: string;
    state: string;
    escalationLevel: number;
    owner: { id: string; name: string; agencyName: string };
  } | null;
}

const agency = (alias: string) =>
  `json_build_object('id', "${alias}"."id", 'name', "${alias}"."name", 'kind', "${alias}"."kind")`;

/** A follow-up's case is its referral's; a referral's is its concern's. */
const FACTS_SQL = `
SELECT "item"."id" AS item_id,
       "subject"."id" AS subject_id,
       "subject"."pseudonym" AS pseudonym,
       CASE WHEN "concern"."id" IS NULL THEN NULL ELSE json_build_object(
         'id', "concern"."id", 'category', "concern"."category", 'riskLevel', "concern"."risk_level",
         'status', "concern"."status", 'classification', "concern"."classification",
         'createdAt', to_char("concern"."created_at" AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
         'owningAgency', ${agency('owner_agency')}) END AS concern,
       CASE WHEN "referral"."id" IS NULL THEN NULL ELSE json_build_object(
         'id', "referral"."id", 'status', "referral"."status", 'reviewDate', "referral"."review_date",
         'legalBasis', "referral"."legal_basis", 'toAgency', ${agency('to_agency')}) END AS referral,
       CASE WHEN "follow_up"."id" IS NULL THEN NULL ELSE json_build_object(
         'id', "follow_up"."id",
         'dueAt', to_char("follow_up"."due_at" AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
         'state', "follow_up"."state", 'escalationLevel', "follow_up"."escalation_level",
         'owner', json_build_object('id', "owner"."id", 'name', "owner"."name", 'agencyName', "owner_of"."name")) END AS follow_up
  FROM agenda_items "item"
  -- One primary-key look-up per item along the chain (LIMIT keeps the planner from hashing whole tables instead).
  LEFT JOIN LATERAL (SELECT * FROM follow_ups "f" WHERE "f"."id" = "item"."follow_up_id" LIMIT 1) "follow_up" ON TRUE
  LEFT JOIN LATERAL (SELECT * FROM referrals "r"
                      WHERE "r"."id" = COALESCE("item"."referral_id", "follow_up"."referral_id") LIMIT 1) "referral" ON TRUE
  LEFT JOIN LATERAL (SELECT * FROM concerns "c"
                      WHERE "c"."id" = COALESCE("item"."concern_id", "referral"."concern_id") LIMIT 1) "concern" ON TRUE
  LEFT JOIN subjects "subject" ON "subject"."id" = "concern"."subject_id"
  LEFT JOIN agencies "owner_agency" ON "owner_agency"."id" = "concern"."owning_agency_id"
  LEFT JOIN agencies "to_agency" ON "to_agency"."id" = "referral"."to_agency_id"
  LEFT JOIN users "owner" ON "owner"."id" = "follow_up"."owner_id"
  LEFT JOIN agencies "owner_of" ON "owner_of"."id" = "owner"."agency_id"
 WHERE "item"."id" = ANY($1)`;

/** The cases of these agenda items as they stand now, by item id. */
export async function liveFacts(manager: EntityManager, itemIds: string[]): Promise<Map<string, AgendaItemFacts>> {
  if (itemIds.length === 0) return new Map();
  const rows: {
    item_id: string;
    subject_id: string | null;
    pseudonym: string | null;
    concern: AgendaItemFacts['concern'];
    referral: AgendaItemFacts['referral'];
    follow_up: AgendaItemFacts['followUp'];
  }[] = await manager.query(FACTS_SQL, [itemIds]);
  return new Map(
    rows.map((row) => [
      row.item_id,
      {
        subjectId: row.subject_id,
        pseudonym: row.pseudonym,
        concern: row.concern,
        referral: row.referral,
        followUp: row.follow_up,
      },
    ]),
  );
}
