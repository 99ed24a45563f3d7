import { User } from '../../src/users/user.entity';
import { createAgency, createConcernRecord, createDistrict, createUser, login } from '../support/factories';
import { capturingQueries, explainSelects } from '../support/query-plans';
import { startTestApp, TestApp } from '../support/test-app';

/** Lists are filtered by the access rules in SQL: rows the caller may not see are never read into the application. */
describe('concern lists filter in the database', () => {
  let app: TestApp;
  let reporter: User;
  const OTHERS = 10_000;

  beforeAll(async () => {
    app = await startTestApp();
    const district = await createDistrict(app.dataSource);
    reporter = await createUser(app.dataSource, {
      roles: ['reporter'],
      agency: await createAgency(app.dataSource, { kind: 'school' }),
    });
    for (let i = 0; i < 3; i += 1) {
      await createConcernRecord(app.dataSource, { reporter, districtId: district.id, classification: 'coordination' });
    }
    // 10,000 concerns of other agencies, with their own subjects, in the same district.
    const other = await createUser(app.dataSource, {
      roles: ['reporter'],
      agency: await createAgency(app.dataSource, { kind: 'police' }),
    });
    await app.dataSource.query(
      `WITH s AS (
         INSERT INTO subjects (pseudonym, full_name, name_key, date_of_birth, district_id, created_by_id, created_by_agency_id)
         SELECT 'X-' || n, 'Other Person ' || n, 'other person ' || n, DATE '2010-01-01', $1, $2, $3 FROM generate_series(1, $4) n
         RETURNING id)
       INSERT INTO concerns (subject_id, category, narrative, source, risk_level, classification, owning_agency_id, reporter_id, district_id, version)
       SELECT s.id, 'hate_crime', 'secret narrative', 'professional', 'high', 'agency_restricted', $3, $2, $1, 1 FROM s`,
      [district.id, other.id, other.agencyId, OTHERS],
    );
    await app.dataSource.query('ANALYZE concerns');
  });
  afterAll(() => app.close());

  it("reads only the reporter's three: every query of the list touches no other concern", async () => {
    const { accessToken } = await login(app.http, reporter.email);
    let status = 0;
    const queries = await capturingQueries(app.dataSource, async () => {
      status = (await app.http.get('/api/v1/concerns?limit=200', { token: accessToken })).status;
    });
    expect(status).toBe(200);
    const plans = await explainSelects(app.dataSource, queries, ['concerns']);
    expect(plans.length).toBeGreaterThan(0);
    for (const plan of plans) {
      expect(plan.seqScans).toEqual([]);
      // Each of the reporter's rules reads its own rows from its index: three, and the page loads those three.
      expect(plan.rowsRead.concerns ?? 0).toBeLessThanOrEqual(6);
    }
  });

  it('answers the HTTP list with the same three, never a row of the others', async () => {
    const { accessToken } = await login(app.http, reporter.email);
    const response = await app.http.get('/api/v1/concerns?limit=200', { token: accessToken });
    expect(response.status).toBe(200);
    expect(response.body.items).toHaveLength(3);
    expect(response.body.nextCursor).toBeNull();
    expect(JSON.stringify(response.body)).not.toContain('secret narrative');
  });
});
