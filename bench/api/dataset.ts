/**
 * The benchmark's city, made with SQL (generate_series) on a freshly migrated database: districts,
 * agencies and their staff, subjects, concerns, consents, referrals, emergency shares, a forum
 * meeting with its agenda, and a chained audit trail. Only open referrals on vital interest are
 * left out: the benchmark makes those through the API, so whatever the API records when one is
 * made, it records (see api.ts).
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { AuditActor, AuditRecord } from '../../src/audit/audit.service';
import { AuditAction, ResourceType } from '../../src/audit/audit-actions';
import { PasswordHasher } from '../../src/users/password-hasher.service';
import { loadAuditEvents } from '../support/audit-events';
import {
  CATEGORIES,
  CITY_AGENCIES,
  cityAgencies,
  CONCERN_OWNERS,
  districtName,
  NARRATIVE_SENTENCES,
  RECIPIENTS,
  RISK_LEVELS,
  SOURCES,
  SUBJECT_NAMES,
} from './city';
import { Sizes } from './sizes';

/**
 * The last migration whose schema this generator writes (the squashed baseline). The benchmark builds the city at
 * this schema and then runs the later migrations over it, as they would run over a live database: whatever a later
 * migration adds (a column kept from another table, an index) it fills in from the data, so the city stays whole.
 */
export const GENERATOR_SCHEMA = 1796000000000;

export const BENCH_EMAIL_DOMAIN = 'bench.samvirke.test';
export const BENCH_PASSWORD = 'bench-password-1';

/** Who the benchmark signs in as, and what it reads. */
export interface City {
  districtIds: string[];
  /** The district whose coordinator the benchmark is: the first. */
  districtId: string;
  coordinatorEmails: string[];
  /** A reporter (and nothing else) of the district's lower secondary school. */
  reporterEmail: string;
  auditorEmail: string;
  preventionAgencyId: string;
  meetingId: string;
}

export type Say = (line: string) => void;

const CITY_SQL_HELPERS = (seed: string) => `
CREATE FUNCTION pg_temp.bench_id(kind text, n bigint) RETURNS uuid LANGUAGE sql IMMUTABLE AS $$
  SELECT overlay(overlay(md5('${seed}:' || kind || ':' || n) placing '4' from 13) placing '8' from 17)::uuid
$$;
CREATE FUNCTION pg_temp.bench_pseudonym(n bigint) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT 'S-' || string_agg(substr('0123456789ABCDEFGHJKMNPQRSTVWXYZ', (((n * 624475281) % 1073741824) >> (5 * p))::int % 32 + 1, 1), '' ORDER BY p DESC)
    FROM generate_series(0, 5) p
$$;`;

/** Drops a table's secondary indexes around a bulk load and builds them again after it, as they were defined. */
async function withoutSecondaryIndexes(client: Client, table: string, load: () => Promise<void>): Promise<void> {
  const { rows } = await client.query<{ name: string; definition: string }>(
    `SELECT i.indexrelid::regclass::text AS name, pg_get_indexdef(i.indexrelid) AS definition
       FROM pg_index i
      WHERE i.indrelid = $1::regclass AND NOT i.indisprimary
        AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)`,
    [table],
  );
  for (const { name } of rows) await client.query(`DROP INDEX ${name}`);
  await load();
  for (const { definition } of rows) await client.query(definition);
}

async function timed(say: Say, label: string, work: () => Promise<unknown>): Promise<number> {
  const started = Date.now();
  await work();
  const seconds = (Date.now() - started) / 1000;
  say(`  ${label}: ${seconds.toFixed(1)} s`);
  return seconds;
}

/** Districts, agencies, staff (one real argon2id hash for all: hashing each would take longer than the city). */
async function directory(client: Client, sizes: Sizes): Promise<void> {
  const passwordHash = await new PasswordHasher().hash(BENCH_PASSWORD);
  const agencies = cityAgencies(sizes.districts);
  await client.query(
    `INSERT INTO districts (id, name) SELECT pg_temp.bench_id('district', d), name FROM unnest($1::text[]) WITH ORDINALITY AS t(name, d)`,
    [Array.from({ length: sizes.districts }, (_, index) => districtName(index))],
  );
  await client.query(
    `CREATE TEMP TABLE bench_district AS
       SELECT d - 1 AS idx, pg_temp.bench_id('district', d) AS id FROM generate_series(1, $1) d`,
    [sizes.districts],
  );
  await client.query(
    `INSERT INTO agencies (id, name, kind, district_id)
     SELECT pg_temp.bench_id('agency', COALESCE(district, -1) * 100 + slot), name, kind::agency_kind,
            CASE WHEN district IS NULL THEN NULL ELSE pg_temp.bench_id('district', district + 1) END
       FROM unnest($1::int[], $2::int[], $3::text[], $4::text[]) AS t(district, slot, name, kind)`,
    [
      agencies.map((agency) => agency.district),
      agencies.map((agency) => agency.slot),
      agencies.map((agency) => agency.name),
      agencies.map((agency) => agency.kind),
    ],
  );
  await client.query(
    `UPDATE districts d SET emergency_police_agency_id = pg_temp.bench_id('agency', b.idx * 100 + 0)
       FROM bench_district b WHERE b.id = d.id`,
  );
  // Staff of every agency that logs concerns or receives referrals: k 0 and 1 are case workers (k 0 also its
  // forum representative, in the district's forum), the rest reporters.
  await client.query(
    `INSERT INTO users (id, email, name, password_hash, agency_id, roles)
     SELECT pg_temp.bench_id('staff:' || a.id, k), 'staff.' || k || '.' || a.id || '@${BENCH_EMAIL_DOMAIN}',
            'Staff ' || k || ' of ' || a.name, $1, a.id,
            CASE WHEN k = 0 AND a.district_id IS NOT NULL THEN '{reporter,case_worker,forum_member}'
                 WHEN k < 2 THEN '{reporter,case_worker}' ELSE '{reporter}' END::user_role[]
       FROM agencies a CROSS JOIN generate_series(0, $2 - 1) k
      WHERE a.kind <> 'other'`,
    [passwordHash, sizes.staffPerAgency],
  );
  await client.query(
    `INSERT INTO user_districts (user_id, district_id)
     SELECT u.id, a.district_id FROM users u JOIN agencies a ON a.id = u.agency_id
      WHERE 'forum_member' = ANY(u.roles) AND a.district_id IS NOT NULL`,
  );
  const coordination = `pg_temp.bench_id('agency', -100 + 0)`;
  const it = `pg_temp.bench_id('agency', -100 + 1)`;
  await client.query(
    `INSERT INTO users (id, email, name, password_hash, agency_id, roles)
     SELECT pg_temp.bench_id('coordinator', b.idx), 'coordinator.' || (b.idx + 1) || '@${BENCH_EMAIL_DOMAIN}',
            'Coordinator of ' || d.name, $1, ${coordination}, '{coordinator,forum_member}'
       FROM bench_district b JOIN districts d ON d.id = b.id`,
    [passwordHash],
  );
  await client.query(
    `INSERT INTO user_districts (user_id, district_id) SELECT pg_temp.bench_id('coordinator', idx), id FROM bench_district`,
  );
  await client.query(
    `INSERT INTO users (email, name, password_hash, agency_id, roles) VALUES
       ('auditor@${BENCH_EMAIL_DOMAIN}', 'Audun Auditor', $1, ${it}, '{auditor}'),
       ('admin@${BENCH_EMAIL_DOMAIN}', 'Ada Admin', $1, ${it}, '{admin}')`,
    [passwordHash],
  );
  await client.query(`ALTER TABLE bench_district ADD coordinator_id uuid, ADD police_id uuid, ADD health_id uuid`);
  await client.query(
    `UPDATE bench_district SET coordinator_id = pg_temp.bench_id('coordinator', idx),
            police_id = pg_temp.bench_id('agency', idx * 100 + 0), health_id = pg_temp.bench_id('agency', idx * 100 + 5)`,
  );
  // Lookups for the bulk inserts: a hundred weighted slots per district (who logs, who receives), and each agency's staff.
  const slotRows = (weights: { district?: number; city?: string; percent: number }[]) =>
    weights.flatMap(({ district, city, percent }) =>
      Array.from({ length: percent }, () =>
        district !== undefined ? district : -1 - CITY_AGENCIES.findIndex((agency) => agency.key === city),
      ),
    );
  const agencyOfSlot = (column: string) =>
    `CASE WHEN ${column} >= 0 THEN pg_temp.bench_id('agency', b.idx * 100 + ${column}) ELSE pg_temp.bench_id('agency', -100 + (-1 - ${column})) END`;
  await client.query(
    `CREATE TEMP TABLE bench_owner AS
     SELECT b.idx AS district_idx, s.slot - 1 AS slot, ${agencyOfSlot('s.place')} AS agency_id
       FROM bench_district b CROSS JOIN unnest($1::int[]) WITH ORDINALITY AS s(place, slot)`,
    [slotRows(CONCERN_OWNERS)],
  );
  await client.query(
    `CREATE TEMP TABLE bench_recipient AS
     SELECT b.idx AS district_idx, 'consent' AS pool, s.slot - 1 AS slot, ${agencyOfSlot('s.place')} AS agency_id
       FROM bench_district b CROSS JOIN unnest($1::int[]) WITH ORDINALITY AS s(place, slot)
     UNION ALL
     SELECT b.idx, 'statutory_duty', s.slot - 1, ${agencyOfSlot('s.place')}
       FROM bench_district b CROSS JOIN unnest($2::int[]) WITH ORDINALITY AS s(place, slot)`,
    [slotRows(RECIPIENTS.consent), slotRows(RECIPIENTS.statutory_duty)],
  );
  await client.query(`ALTER TABLE bench_owner ADD kind agency_kind`);
  await client.query(`UPDATE bench_owner o SET kind = a.kind FROM agencies a WHERE a.id = o.agency_id`);
  await client.query(
    `CREATE TEMP TABLE bench_staff AS
     SELECT u.agency_id, (row_number() OVER (PARTITION BY u.agency_id ORDER BY u.email) - 1)::int AS k, u.id AS user_id
       FROM users u JOIN agencies a ON a.id = u.agency_id WHERE a.kind <> 'other'`,
  );
  for (const table of ['bench_owner', 'bench_recipient', 'bench_staff', 'bench_district']) {
    await client.query(`ANALYZE ${table}`);
  }
}

/** Subjects aged 10–25, spread over the districts, registered by a reporter of the district. */
async function subjects(client: Client, sizes: Sizes): Promise<void> {
  await withoutSecondaryIndexes(client, 'subjects', async () => {
    await client.query(
      `INSERT INTO subjects (id, pseudonym, full_name, name_key, date_of_birth, district_id, created_by_id, created_by_agency_id, created_at)
       SELECT pg_temp.bench_id('subject', g.n), pg_temp.bench_pseudonym(g.n),
              ($1::text[])[g.f] || ' ' || ($3::text[])[g.l], ($2::text[])[g.f] || ' ' || ($4::text[])[g.l],
              (now() - interval '10 years' - (g.age_days || ' days')::interval)::date,
              b.id, st.user_id, o.agency_id, now() - interval '3 years' + g.n * (interval '3 years' / $5)
         FROM (SELECT n, 1 + (n * 7 + n / 50) % cardinality($1::text[]) AS f, 1 + (n * 13 + n / 7) % cardinality($3::text[]) AS l,
                      floor(random() * 5475)::int AS age_days, floor(random() * 100)::int AS slot
                 FROM generate_series(0, $5 - 1) n) g
         JOIN bench_district b ON b.idx = g.n % $6
         JOIN bench_owner o ON o.district_idx = b.idx AND o.slot = g.slot
         JOIN bench_staff st ON st.agency_id = o.agency_id AND st.k = g.n % $7`,
      [
        SUBJECT_NAMES.first,
        SUBJECT_NAMES.firstKeys,
        SUBJECT_NAMES.last,
        SUBJECT_NAMES.lastKeys,
        sizes.subjects,
        sizes.districts,
        sizes.staffPerAgency,
      ],
    );
  });
}

/**
 * Concerns over three years: about a subject of the district (some subjects much more than others), logged by a
 * reporter of one of the agencies serving it; recent ones mostly untriaged, the rest triaged — 16% to refer.
 */
async function concerns(client: Client, sizes: Sizes): Promise<void> {
  await withoutSecondaryIndexes(client, 'concerns', async () => {
    await client.query(
      `INSERT INTO concerns (subject_id, category, narrative, source, risk_level, classification, owning_agency_id, reporter_id,
                             district_id, status, triage_outcome, triage_note, triaged_by_id, triaged_at, version, created_at, updated_at)
       SELECT pg_temp.bench_id('subject', g.s), ($1::text[])[g.category]::concern_category,
              ($2::text[])[g.n1] || ' ' || ($2::text[])[g.n2] || ' ' || ($2::text[])[g.n3],
              ($3::text[])[g.source]::concern_source, ($4::text[])[g.risk]::risk_level,
              CASE WHEN o.kind IN ('police', 'health') OR g.restricted < 0.015 THEN 'agency_restricted' ELSE 'coordination' END::concern_classification,
              o.agency_id, st.user_id, b.id,
              g.stage::concern_status,
              CASE g.stage WHEN 'new' THEN NULL WHEN 'referral_pending' THEN 'refer' ELSE g.stage END::triage_outcome,
              CASE WHEN g.stage = 'new' THEN NULL ELSE 'Discussed with the reporter; see the forum minutes.' END,
              CASE WHEN g.stage = 'new' THEN NULL ELSE b.coordinator_id END,
              CASE WHEN g.stage = 'new' THEN NULL ELSE g.triaged_at END,
              1, g.created_at, CASE WHEN g.stage = 'new' THEN g.created_at ELSE g.triaged_at END
         FROM (SELECT n, s, created_at, restricted, category, n1, n2, n3, source, risk, slot,
                      least(now(), created_at + (1 + random() * 71) * interval '1 hour') AS triaged_at,
                      CASE WHEN created_at > now() - interval '10 days' AND r < 0.7 THEN 'new'
                           WHEN r < 0.02 THEN 'new'
                           WHEN r < 0.18 THEN 'referral_pending'
                           WHEN r < 0.68 THEN 'guidance_only'
                           ELSE 'no_further_action' END AS stage
                 FROM (SELECT n, floor($5 * power(random(), 1.3))::bigint AS s,
                              date_trunc('milliseconds', now() - random() * interval '1095 days') AS created_at,
                              random() AS r, random() AS restricted, floor(random() * 100)::int AS slot,
                              1 + floor(random() * 100)::int AS category, 1 + floor(random() * 100)::int AS source,
                              1 + floor(random() * 100)::int AS risk, 1 + floor(random() * cardinality($2::text[]))::int AS n1,
                              1 + floor(random() * cardinality($2::text[]))::int AS n2,
                              1 + floor(random() * cardinality($2::text[]))::int AS n3
                         FROM generate_series(1, $6) n) raw) g
         JOIN bench_district b ON b.idx = g.s % $7
         JOIN bench_owner o ON o.district_idx = b.idx AND o.slot = g.slot
         JOIN bench_staff st ON st.agency_id = o.agency_id AND st.k = g.n % $8`,
      [
        CATEGORIES,
        NARRATIVE_SENTENCES,
        SOURCES,
        RISK_LEVELS,
        sizes.subjects,
        sizes.concerns,
        sizes.districts,
        sizes.staffPerAgency,
      ],
    );
  });
  // Immediate danger opened each concern to its district's police on vital interest, as the alarm does.
  await client.query(
    `INSERT INTO emergency_shares (concern_id, agency_id, raised_by_id, created_at)
     SELECT c.id, b.police_id, c.reporter_id, c.created_at
       FROM concerns c JOIN bench_district b ON b.id = c.district_id
      WHERE c.risk_level = 'immediate_danger' AND c.owning_agency_id <> b.police_id`,
  );
}

/**
 * Referrals of concerns triaged to refer: about one in six concerns gets a second referral to another agency
 * (closed or declined, so never two open to one agency). Police concerns stay within the police; health
 * concerns leave health services on consent only; NGOs and faith partners receive on consent only. The first
 * `consents` eligible referrals rest on a consent made for them, covering the recipient (and now and then the
 * district's school too); some consents have expired or been withdrawn since. Old referrals are mostly
 * closed, recent ones open.
 */
async function referrals(client: Client, sizes: Sizes): Promise<void> {
  await client.query(
    `CREATE TEMP TABLE bench_plan AS
     WITH refer AS (
       SELECT c.id AS concern_id, c.subject_id, c.district_id, c.owning_agency_id, o.kind AS owner_kind, c.triaged_at,
              b.idx AS d_idx, b.coordinator_id, b.police_id, b.health_id,
              row_number() OVER (ORDER BY random()) AS rn
         FROM concerns c JOIN agencies o ON o.id = c.owning_agency_id JOIN bench_district b ON b.id = c.district_id
        WHERE c.triage_outcome = 'refer'),
     planned AS (
       SELECT r.*, k, row_number() OVER (ORDER BY r.rn, k) AS p
         FROM refer r
         CROSS JOIN LATERAL generate_series(1, CASE WHEN r.rn <= $1 / 6 AND r.owner_kind <> 'police' THEN 2 ELSE 1 END) k
        ORDER BY r.rn, k LIMIT $1),
     based AS (
       SELECT planned.*,
              CASE WHEN owner_kind <> 'police' AND k = 1
                    AND row_number() OVER (PARTITION BY owner_kind <> 'police' AND k = 1 ORDER BY p) <= $2
                   THEN 'consent' ELSE 'statutory_duty' END AS basis,
              floor(random() * 100)::int AS slot
         FROM planned)
     SELECT based.*, gen_random_uuid() AS id,
            CASE WHEN basis = 'consent' THEN gen_random_uuid() END AS consent_id,
            least(now() - interval '1 minute', triaged_at + random() * interval '5 days') AS created_at,
            random() AS r
       FROM based`,
    [sizes.referrals, sizes.consents],
  );
  const prevention = `pg_temp.bench_id('agency', -100 + ${CITY_AGENCIES.findIndex((agency) => agency.key === 'prevention')})`;
  const psychiatry = `pg_temp.bench_id('agency', -100 + ${CITY_AGENCIES.findIndex((agency) => agency.key === 'psychiatry')})`;
  await client.query(
    `ALTER TABLE bench_plan ADD to_agency_id uuid, ADD status referral_status, ADD outcome referral_outcome`,
  );
  await client.query(
    `UPDATE bench_plan p SET to_agency_id = CASE
         WHEN p.owner_kind = 'police' THEN CASE WHEN p.owning_agency_id = ${prevention} THEN p.police_id ELSE ${prevention} END
         WHEN p.owner_kind = 'health' AND p.basis = 'statutory_duty'
           THEN CASE WHEN p.owning_agency_id = ${psychiatry} THEN p.health_id ELSE ${psychiatry} END
         WHEN first_pick.agency_id <> p.owning_agency_id THEN first_pick.agency_id
         ELSE second_pick.agency_id END
       FROM bench_recipient first_pick, bench_recipient second_pick
      WHERE first_pick.district_idx = p.d_idx AND first_pick.pool = p.basis AND first_pick.slot = (p.slot + 37 * (p.k - 1)) % 100
        AND second_pick.district_idx = p.d_idx AND second_pick.pool = p.basis AND second_pick.slot = (p.slot + 50) % 100`,
  );
  await client.query(
    `UPDATE bench_plan SET status = (CASE
         WHEN k = 2 THEN CASE WHEN r < 0.3 THEN 'declined' ELSE 'closed' END
         WHEN created_at < now() - interval '180 days' THEN CASE WHEN r < 0.2 THEN 'declined' ELSE 'closed' END
         WHEN r < 0.2 THEN 'pending' WHEN r < 0.4 THEN 'accepted' WHEN r < 0.8 THEN 'in_progress'
         WHEN r < 0.9 THEN 'declined' ELSE 'closed' END)::referral_status`,
  );
  await client.query(
    `UPDATE bench_plan SET outcome = CASE WHEN status <> 'closed' THEN NULL
         ELSE (ARRAY['completed', 'completed', 'completed', 'no_engagement', 'no_engagement', 'transferred', 'escalated_to_police'])[1 + floor(random() * 7)::int]
       END::referral_outcome`,
  );
  await client.query(
    `INSERT INTO consents (id, subject_id, district_id, given_by, guardian_name, agency_ids, purpose, given_at, valid_until,
                           withdrawn_at, withdrawn_by_id, recorded_by_id, created_at)
     SELECT p.consent_id, p.subject_id, p.district_id, c.given_by::consent_giver,
            CASE WHEN c.given_by = 'guardian' THEN 'Guardian of ' || s.pseudonym END,
            CASE WHEN random() < 0.5 THEN ARRAY[p.to_agency_id] ELSE ARRAY[p.to_agency_id, pg_temp.bench_id('agency', p.d_idx * 100 + 3)] END,
            'Follow-up by the agencies named, as agreed at the meeting with the family.',
            c.given_at,
            CASE WHEN random() < 0.4 THEN NULL ELSE c.given_at + (180 + random() * 540) * interval '1 day' END,
            CASE WHEN c.withdrawn THEN c.given_at + random() * (now() - c.given_at) END,
            CASE WHEN c.withdrawn THEN p.coordinator_id END,
            p.coordinator_id, c.given_at
       FROM bench_plan p
       JOIN subjects s ON s.id = p.subject_id
       CROSS JOIN LATERAL (SELECT p.created_at - random() * interval '3 days' AS given_at, random() < 0.08 AS withdrawn,
                                  CASE WHEN age(p.created_at, s.date_of_birth) >= interval '15 years' THEN 'subject' ELSE 'guardian' END AS given_by) c
      WHERE p.basis = 'consent'`,
  );
  // The worker closes what rested on a consent that lapsed; a tenth it has not come to yet.
  await client.query(
    `UPDATE bench_plan p SET status = 'closed', outcome = 'consent_withdrawn'
       FROM consents c
      WHERE c.id = p.consent_id AND p.status IN ('pending', 'accepted', 'in_progress') AND p.r < 0.9
        AND (c.withdrawn_at IS NOT NULL OR c.valid_until < now())`,
  );
  await withoutSecondaryIndexes(client, 'referrals', async () => {
    await client.query(
      `INSERT INTO referrals (id, concern_id, subject_id, district_id, to_agency_id, programme, legal_basis, consent_id, reason,
                              review_date, status, case_worker_id, decline_reason, outcome, outcome_note, created_by_id, version,
                              created_at, updated_at, concern_created_at)
       SELECT p.id, p.concern_id, p.subject_id, p.district_id, p.to_agency_id,
              CASE WHEN p.r < 0.3 THEN 'Mentor programme' WHEN p.r < 0.4 THEN 'Parent guidance course' END,
              p.basis::legal_basis, p.consent_id, 'Needs a trusted adult and follow-up outside school.',
              (p.created_at + (30 + floor(random() * 90)) * interval '1 day')::date, p.status,
              CASE WHEN p.status IN ('accepted', 'in_progress', 'closed') THEN st.user_id END,
              CASE WHEN p.status = 'declined' THEN 'No capacity this term; try the youth service.' END,
              p.outcome, CASE WHEN p.status = 'closed' THEN 'Closed after the review meeting.' END,
              p.coordinator_id, 1, p.created_at,
              CASE WHEN p.status = 'pending' THEN p.created_at ELSE least(now(), p.created_at + random() * interval '60 days') END,
              c.created_at
         FROM bench_plan p
         JOIN concerns c ON c.id = p.concern_id
         LEFT JOIN bench_staff st ON st.agency_id = p.to_agency_id AND st.k = 0`,
    );
  });
  // The concern's stage follows its referrals (concernStage in src/referrals/referral-lifecycle.service.ts).
  await client.query(
    `UPDATE concerns c SET status = x.stage::concern_status
       FROM (SELECT concern_id,
                    CASE WHEN bool_or(status IN ('accepted', 'in_progress')) THEN 'referral_accepted'
                         WHEN bool_or(status = 'pending') THEN 'referred'
                         WHEN bool_or(status = 'closed') THEN 'closed' ELSE 'referral_pending' END AS stage
               FROM referrals GROUP BY concern_id) x
      WHERE c.id = x.concern_id AND c.status::text <> x.stage`,
  );
}

/**
 * A forum of the benchmark's district in a week, after one three weeks ago, with its participants and an
 * agenda of `agendaItems` items laid out as the generator lays them out (risk, then age): the district's
 * concerns triaged to refer most recently, and its open referrals due first.
 */
async function forum(client: Client, sizes: Sizes, districtId: string): Promise<string> {
  const meetingId = randomUUID();
  await client.query(
    `INSERT INTO meetings (district_id, kind, starts_at, time_zone, duration_minutes, location, agenda_generated_at, agenda_frozen_at, version)
     VALUES ($1, 'forum', date_trunc('day', now()) - interval '21 days' + interval '12 hours', 'Europe/Oslo', 120, 'City hall, room 3',
             now() - interval '26 days', date_trunc('day', now()) - interval '21 days' + interval '12 hours', 1)`,
    [districtId],
  );
  await client.query(
    `INSERT INTO meetings (id, district_id, kind, starts_at, time_zone, duration_minutes, location, created_by_id, agenda_generated_at, version)
     SELECT $1, $2, 'forum', date_trunc('day', now()) + interval '7 days' + interval '12 hours', 'Europe/Oslo', 120, 'City hall, room 3',
            b.coordinator_id, now(), 1
       FROM bench_district b WHERE b.id = $2`,
    [meetingId, districtId],
  );
  await client.query(
    `INSERT INTO meeting_participants (meeting_id, user_id)
     SELECT $1, u.id FROM users u JOIN user_districts ud ON ud.user_id = u.id AND ud.district_id = $2
      WHERE 'forum_member' = ANY(u.roles)`,
    [meetingId, districtId],
  );
  const newConcerns = Math.round(sizes.agendaItems / 3);
  await client.query(
    `INSERT INTO agenda_items (meeting_id, section, source, concern_id, referral_id, risk_level, opened_at, position)
     SELECT $1, section::agenda_section, 'generated', concern_id, referral_id, risk_level, opened_at,
            row_number() OVER (PARTITION BY section ORDER BY CASE risk_level WHEN 'immediate_danger' THEN 4 WHEN 'high' THEN 3
                               WHEN 'moderate' THEN 2 ELSE 1 END DESC, opened_at, id)
       FROM ((SELECT 'new_concerns' AS section, c.id AS concern_id, NULL::uuid AS referral_id, c.risk_level, c.created_at AS opened_at, c.id
                FROM concerns c WHERE c.district_id = $2 AND c.triage_outcome = 'refer'
               ORDER BY c.triaged_at DESC LIMIT $3)
             UNION ALL
             (SELECT 'referrals_due', NULL, r.id, c.risk_level, c.created_at, r.id
                FROM referrals r JOIN concerns c ON c.id = r.concern_id
               WHERE r.district_id = $2 AND r.status IN ('pending', 'accepted', 'in_progress')
               ORDER BY r.review_date, r.id LIMIT $4)) candidates`,
    [meetingId, districtId, newConcerns, sizes.agendaItems - newConcerns],
  );
  return meetingId;
}

/**
 * The audit trail of three years of this city's work, chained as it commits (bench/support/audit-events.ts):
 * staff and coordinators reading, listing and writing its concerns, referrals and subjects.
 */
async function auditTrail(client: Client, sizes: Sizes, say: Say): Promise<void> {
  const { rows: actors } = await client.query<{ id: string; agency_id: string; roles: string[] }>(
    `SELECT id, agency_id, roles::text[] AS roles FROM users WHERE NOT ('admin' = ANY(roles) OR 'auditor' = ANY(roles))`,
  );
  const { rows: cases } = await client.query<{ id: string; subject_id: string }>(
    `SELECT id, subject_id FROM concerns TABLESAMPLE SYSTEM (least(100, greatest(1, 100 * 100000.0 / $1))) LIMIT 100000`,
    [sizes.concerns],
  );
  const actions: [AuditAction, ResourceType, number][] = [
    ['concern.read', 'concern', 35],
    ['concern.list', 'concern', 35],
    ['subject.read', 'subject', 8],
    ['referral.read', 'referral', 6],
    ['referral.list', 'referral', 6],
    ['concern.create', 'concern', 4],
    ['concern.triage', 'concern', 3],
    ['agenda.read', 'subject', 3],
  ];
  const actionSlots = actions.flatMap(([action, type, percent]) =>
    Array.from({ length: percent }, () => ({ action, type })),
  );
  const to = new Date();
  await loadAuditEvents(client, {
    count: sizes.auditEvents,
    from: new Date(to.getTime() - 1095 * 24 * 3_600_000),
    to,
    event: (index): AuditRecord & { actor: AuditActor } => {
      const actor = actors[(index * 7919) % actors.length];
      const theCase = cases[Math.floor(Math.random() * cases.length)];
      const { action, type } = actionSlots[Math.floor(Math.random() * 100)];
      const denied = Math.random() < 0.01;
      return {
        action,
        resourceType: type,
        resourceId: type === 'subject' ? theCase.subject_id : theCase.id,
        subjectId: denied ? null : theCase.subject_id,
        outcome: denied ? 'denied' : 'allowed',
        details: type === 'subject' ? { view: Math.random() < 0.7 ? 'identity' : 'pseudonym' } : {},
        actor: { id: actor.id, agencyId: actor.agency_id, roles: actor.roles },
        // Drawn at random, so the catalogue's pairing of action and subject is not known when compiling.
      } as AuditRecord & { actor: AuditActor };
    },
    progress: (loaded, perSecond) => say(`    ${loaded} audit events, ${perSecond} per second`),
  });
}

/** Builds the city on `client`'s database (migrated to GENERATOR_SCHEMA, empty); reports each step's time. */
export async function buildCity(client: Client, sizes: Sizes, say: Say): Promise<{ city: City; seconds: number }> {
  const seed = randomBytes(8).toString('hex');
  await client.query(
    `SET synchronous_commit = off; SET maintenance_work_mem = '256MB'; SET work_mem = '64MB'; SET jit = off`,
  );
  await client.query(CITY_SQL_HELPERS(seed));
  let seconds = 0;
  seconds += await timed(say, 'districts, agencies and staff', () => directory(client, sizes));
  seconds += await timed(say, `${sizes.subjects} subjects`, () => subjects(client, sizes));
  seconds += await timed(say, `${sizes.concerns} concerns (and their emergency shares)`, () => concerns(client, sizes));
  seconds += await timed(say, `${sizes.referrals} referrals and ${sizes.consents} consents`, () =>
    referrals(client, sizes),
  );
  const { rows: districtRows } = await client.query<{ id: string }>('SELECT id FROM bench_district ORDER BY idx');
  const districtIds = districtRows.map((row) => row.id);
  let meetingId = '';
  seconds += await timed(say, `a forum with ${sizes.agendaItems} agenda items`, async () => {
    meetingId = await forum(client, sizes, districtIds[0]);
  });
  seconds += await timed(say, `${sizes.auditEvents} chained audit events`, () => auditTrail(client, sizes, say));
  const { rows: reporters } = await client.query<{ email: string }>(
    `SELECT u.email FROM users u WHERE u.agency_id = pg_temp.bench_id('agency', 3) AND u.roles = '{reporter}' ORDER BY u.email LIMIT 1`,
  );
  const [prevention] = (
    await client.query<{ id: string }>(`SELECT id FROM agencies WHERE name = 'Police Prevention Unit'`)
  ).rows;
  return {
    city: {
      districtIds,
      districtId: districtIds[0],
      coordinatorEmails: districtIds.map((_, index) => `coordinator.${index + 1}@${BENCH_EMAIL_DOMAIN}`),
      reporterEmail: reporters[0].email,
      auditorEmail: `auditor@${BENCH_EMAIL_DOMAIN}`,
      preventionAgencyId: prevention.id,
      meetingId,
    },
    seconds,
  };
}
