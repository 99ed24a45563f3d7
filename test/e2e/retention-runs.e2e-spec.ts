import { AuditEvent } from '../../src/audit/audit-event.entity';
import { RetentionService } from '../../src/retention/retention.service';
import { signedIn } from '../support/factories';
import { startTestApp, TestApp } from '../support/test-app';

type SignedIn = Awaited<ReturnType<typeof signedIn>>;

/** The admin's list of the last retention runs (GET /retention/runs): from the trail, counts only, audited. */
describe('the last retention runs', () => {
  let app: TestApp;
  let admin: SignedIn;
  let auditor: SignedIn;
  let coordinator: SignedIn;

  beforeAll(async () => {
    app = await startTestApp();
    admin = await signedIn(app.http, app.dataSource, { roles: ['admin'] });
    auditor = await signedIn(app.http, app.dataSource, { roles: ['auditor'] });
    coordinator = await signedIn(app.http, app.dataSource, { roles: ['coordinator'] });
  });
  afterAll(() => app.close());

  it('lists each run newest first, with what it did counted, and records the read', async () => {
    const retention = app.app.get(RetentionService);
    const first = await retention.run();
    const second = await retention.run();
    const response = await app.http.get('/api/v1/retention/runs', { token: admin.token });
    expect(response.status).toBe(200);
    const [latest, before] = response.body.items;
    expect(latest).toEqual({
      occurredAt: expect.any(String),
      subjects: second.subjects,
      skipped: second.skipped,
      records: { ...second.records },
    });
    expect(before).toEqual(expect.objectContaining({ subjects: first.subjects, skipped: first.skipped }));
    expect(Date.parse(latest.occurredAt)).toBeGreaterThanOrEqual(Date.parse(before.occurredAt));
    expect(JSON.stringify(response.body)).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-/);
    const reads = await app.dataSource
      .getRepository(AuditEvent)
      .findBy({ action: 'retention.list_runs', actorId: admin.user.id });
    expect(reads).toEqual([expect.objectContaining({ outcome: 'allowed' })]);
  });

  it.each([
    ['an auditor', () => auditor],
    ['a coordinator', () => coordinator],
  ])('refuses %s', async (_who, who) => {
    expect((await app.http.get('/api/v1/retention/runs', { token: who().token })).status).toBe(403);
  });
});
