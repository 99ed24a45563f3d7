import { DataSource } from 'typeorm';
import { AgencyKind } from '../../src/agencies/agency-kind';
import { createAgency, createDistrict, createUser } from './factories';

/** The agencies of each district, in this order: the index of a kind below is its place in every district. */
export const SCALE_KINDS: AgencyKind[] = ['school', 'social_services', 'police', 'health', 'child_welfare', 'ngo'];

export interface ScaleCity {
  districtIds: string[];
  /** agencyIds[district][kind index], reporterIds likewise: one staff member (reporter and case worker) each. */
  agencyIds: string[][];
  reporterIds: string[][];
}

/**
 * A city at scale, made with SQL in seconds: `concerns` concerns over `districts` districts, about
 * five per subject, three years of dates, police and health concerns restricted and ~8% of the
 * rest too; 12% of concerns referred (consent, statutory duty, vital interest on police concerns).
 */
export async function seedScaleCity(
  dataSource: DataSource,
  sizes: { districts: number; concerns: number },
): Promise<ScaleCity> {
  const city: ScaleCity = { districtIds: [], agencyIds: [], reporterIds: [] };
  const template = await createUser(dataSource, { roles: ['reporter', 'case_worker'] });
  for (let d = 0; d < sizes.districts; d += 1) {
    const district = await createDistrict(dataSource);
    city.districtIds.push(district.id);
    const agencies = [];
    for (const kind of SCALE_KINDS) agencies.push(await createAgency(dataSource, { kind, districtId: district.id }));
    city.agencyIds.push(agencies.map((agency) => agency.id));
    // Staff share one password hash: hashing sixty passwords would take longer than the whole data set.
    const staff: { id: string }[] = await dataSource.query(
      `INSERT INTO users (email, name, password_hash, agency_id, roles)
       SELECT 'staff.' || a.id || '@scale.samvirke.example', 'Staff', $2, a.id, '{reporter,case_worker}'
         FROM unnest($1::uuid[]) WITH ORDINALITY AS a(id, place) ORDER BY a.place RETURNING id`,
      [city.agencyIds[d], template.passwordHash],
    );
    city.reporterIds.push(staff.map((row) => row.id));
  }
  const agencies = city.agencyIds.flat();
  const reporters = city.reporterIds.flat();
  const subjects = Math.ceil(sizes.concerns / 5);
  const kinds = SCALE_KINDS.length;
  await dataSource.query(
    `INSERT INTO subjects (pseudonym, full_name, name_key, date_of_birth, district_id, created_by_id, created_by_agency_id)
     SELECT 'X-' || lpad(to_hex(g), 8, '0'), 'Scale Person ' || g, 'scale person ' || g,
            date '2006-01-01' + (g % 4000), ($1::uuid[])[g % $4 + 1], ($2::uuid[])[(g % $4) * $5 + 1], ($3::uuid[])[(g % $4) * $5 + 1]
       FROM generate_series(0, $6 - 1) g`,
    [city.districtIds, reporters, agencies, sizes.districts, kinds, subjects],
  );
  await dataSource.query(
    `WITH numbered AS (SELECT id, district_id, row_number() OVER (ORDER BY pseudonym) - 1 AS n FROM subjects WHERE pseudonym LIKE 'X-%'),
          made AS (
            SELECT g, s.id AS subject_id, s.district_id, (s.n % $3) AS d, ((g * 7) % $4) AS k
              FROM generate_series(0, $5 - 1) g JOIN numbered s ON s.n = g % $6)
     INSERT INTO concerns (subject_id, category, narrative, source, risk_level, classification, owning_agency_id,
                           reporter_id, district_id, status, version, created_at, updated_at)
     SELECT subject_id,
            (ARRAY['violent_extremism','hate_crime','gang_crime','online_radicalisation','returnee','mental_health','other'])[g % 7 + 1]::concern_category,
            'Scale narrative ' || g, (ARRAY['professional','family','friend','anonymous_call'])[g % 4 + 1]::concern_source,
            (ARRAY['low','moderate','high','low'])[g % 4 + 1]::risk_level,
            CASE WHEN k IN (2, 3) OR g % 12 = 0 THEN 'agency_restricted' ELSE 'coordination' END::concern_classification,
            ($1::uuid[])[d * $4 + k + 1], ($2::uuid[])[d * $4 + k + 1], district_id,
            (ARRAY['new','guidance_only','closed','referral_pending'])[g % 4 + 1]::concern_status, 1,
            now() - (g % 1095) * interval '1 day' - (g % 86400) * interval '1 second',
            now() - (g % 1095) * interval '1 day'
       FROM made`,
    [agencies, reporters, sizes.districts, kinds, sizes.concerns, subjects],
  );
  // Every 8th concern referred, to the district's child welfare (basis by turn) or, for police concerns, on vital interest.
  await dataSource.query(
    `INSERT INTO consents (subject_id, district_id, given_by, agency_ids, purpose, given_at, recorded_by_id)
     SELECT c.subject_id, c.district_id, 'subject', ARRAY[a.id], 'scale ' || c.id, now(), c.reporter_id
       FROM concerns c JOIN agencies a ON a.district_id = c.district_id AND a.kind = 'child_welfare'
      WHERE hashtext(c.id::text) % 16 = 0`,
  );
  await dataSource.query(
    `INSERT INTO referrals (concern_id, concern_created_at, subject_id, district_id, to_agency_id, legal_basis, consent_id, reason,
                            review_date, status, created_by_id, version)
     SELECT c.id, c.created_at, c.subject_id, c.district_id, a.id,
            CASE WHEN o.kind = 'police' THEN 'vital_interest' WHEN k.id IS NOT NULL THEN 'consent' ELSE 'statutory_duty' END::legal_basis,
            k.id, 'Scale referral', current_date + (hashtext(c.id::text) & 255), 'pending', c.reporter_id, 1
       FROM concerns c
       JOIN agencies o ON o.id = c.owning_agency_id
       JOIN agencies a ON a.district_id = c.district_id AND a.kind = CASE WHEN o.kind = 'police' THEN 'police' ELSE 'child_welfare' END::agency_kind
       LEFT JOIN consents k ON k.purpose = 'scale ' || c.id
      WHERE hashtext(c.id::text) % 8 = 0 AND (o.kind <> 'police' OR a.id = o.id)`,
  );
  // Each referral's review, as creating it through the API makes one; a third of them done.
  await dataSource.query(
    `INSERT INTO follow_ups (kind, referral_id, owner_id, created_by_id, district_id, text, due_at, remind_at, state, version)
     SELECT 'referral_review', r.id, r.created_by_id, r.created_by_id, r.district_id, 'Review the referral',
            r.review_date + time '08:00' - interval '200 days', r.review_date + time '08:00' - interval '201 days',
            CASE WHEN hashtext(r.id::text) % 3 = 0 THEN 'done' ELSE 'open' END::follow_up_state, 1
       FROM referrals r`,
  );
  await dataSource.query('ANALYZE');
  return city;
}
