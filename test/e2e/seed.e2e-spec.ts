import { DEMO_AGENCIES, DEMO_USERS, demoEmail } from '../../src/seed/demo-city';
import { AGENCY_KINDS } from '../../src/agencies/agency-kind';
import { ROLES } from '../../src/users/role';
import { seedDemo } from '../../src/seed/seed-demo';
import { login } from '../support/factories';
import { startTestApp, TestApp } from '../support/test-app';

describe('demo city', () => {
  let subject: TestApp;

  beforeAll(async () => {
    subject = await startTestApp();
  });
  afterAll(() => subject.close());

  const snapshot = () =>
    subject.dataSource.query(`
      SELECT (SELECT json_agg(d ORDER BY d.name) FROM districts d) AS districts,
             (SELECT json_agg(a ORDER BY a.name) FROM agencies a) AS agencies,
             (SELECT json_agg(u ORDER BY u.email) FROM users u) AS users,
             (SELECT json_agg(x ORDER BY x.user_id, x.district_id) FROM user_districts x) AS user_districts,
             (SELECT count(*) FROM audit_events) AS audit_events`);

  it('loads every agency kind, every role and the contract accounts; a second run changes nothing', async () => {
    const first = await seedDemo(subject.dataSource, 'demo-password-1');
    expect(first.created).toEqual({ districts: 2, agencies: DEMO_AGENCIES.length, users: DEMO_USERS.length });
    const after = await snapshot();

    const second = await seedDemo(subject.dataSource, 'demo-password-1');
    expect(second.created).toEqual({ districts: 0, agencies: 0, users: 0 });
    expect(await snapshot()).toEqual(after);

    expect(new Set(DEMO_AGENCIES.map((agency) => agency.kind))).toEqual(new Set(AGENCY_KINDS));
    expect(new Set(DEMO_USERS.flatMap((user) => user.roles))).toEqual(new Set(ROLES));
    expect(DEMO_USERS.map((user) => user.login).sort()).toEqual(
      [
        'admin',
        'auditor',
        'coordinator.east',
        'coordinator.west',
        'police.east',
        'social.east',
        'school.east',
        'health.east',
        'ngo.east',
        'childwelfare.east',
        'police.west',
        'social.west',
      ].sort(),
    );
  });

  it('names the police agency that receives each district’s emergencies', async () => {
    const rows = await subject.dataSource.query(
      `SELECT d.name AS district, a.name AS police FROM districts d JOIN agencies a ON a.id = d.emergency_police_agency_id
        WHERE d.name IN ('East', 'West') ORDER BY d.name`,
    );
    expect(rows).toEqual([
      { district: 'East', police: 'Police District East' },
      { district: 'West', police: 'Police District West' },
    ]);
  });

  it('gives each coordinator one district, and working logins', async () => {
    const east = await login(subject.http, demoEmail('coordinator.east'), 'demo-password-1');
    const me = await subject.http.get('/api/v1/me', { token: east.accessToken });
    expect(me.body.districts.map((district: { name: string }) => district.name)).toEqual(['East']);
    const admin = await login(subject.http, demoEmail('admin'), 'demo-password-1');
    const agencies = await subject.http.get('/api/v1/agencies?limit=200', { token: admin.accessToken });
    expect(agencies.body.items).toHaveLength(DEMO_AGENCIES.length);
  });
});
