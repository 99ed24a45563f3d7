import { arrangeMeeting } from '../support/case-flows';
import { createAgency, createMeetingRecord, signedIn } from '../support/factories';
import { capturingQueries, explainSelects, PlanSummary } from '../support/query-plans';
import { ScaleCity, SCALE_KINDS, seedScaleCity } from '../support/scale-data';
import { startTestApp, TestApp } from '../support/test-app';
import { login } from '../support/factories';

type SignedIn = { token: string; user?: { id: string } };
const PAGE = 50;
const WATCHED = ['concerns', 'referrals', 'consents', 'follow_ups'];
/** What a page may read: every access rule's branch reads about a page, and a few share look-ups on top. */
const BUDGET = 12 * PAGE;

/**
 * The plans of the reads people make all day, on a city of 100,000 concerns: a page reads about
 * a page of rows, whatever the size of the district (CONVENTIONS 11). A plan that reads the
 * district to cut a page from it fails here long before users feel it.
 */
describe('query plans at 100,000 concerns', () => {
  let app: TestApp;
  let city: ScaleCity;
  let coordinator: SignedIn;
  let reporter: SignedIn;
  let welfare: SignedIn;

  beforeAll(async () => {
    app = await startTestApp();
    city = await seedScaleCity(app.dataSource, { districts: 8, concerns: 100_000 });
    const office = await createAgency(app.dataSource, { districtId: city.districtIds[0] });
    coordinator = await signedIn(app.http, app.dataSource, {
      roles: ['coordinator'],
      agency: office,
      districts: [{ id: city.districtIds[0] } as never],
    });
    const staffOf = async (kind: string) => {
      const [{ email }] = await app.dataSource.query('SELECT email FROM users WHERE id = $1', [
        city.reporterIds[0][SCALE_KINDS.indexOf(kind as never)],
      ]);
      return { token: (await login(app.http, email)).accessToken };
    };
    reporter = await staffOf('school');
    welfare = await staffOf('child_welfare');
  }, 120_000);
  afterAll(() => app.close());

  async function plansOf(request: () => Promise<{ status: number }>): Promise<PlanSummary[]> {
    let status = 0;
    const queries = await capturingQueries(app.dataSource, async () => {
      status = (await request()).status;
    });
    expect(status).toBeLessThan(300);
    return explainSelects(app.dataSource, queries, WATCHED);
  }

  function expectLean(plans: PlanSummary[], budget = BUDGET) {
    expect(plans.length).toBeGreaterThan(0);
    for (const plan of plans) {
      const context = `${JSON.stringify(plan.rowsRead)} ${plan.sql.slice(0, 400)}`;
      expect({ context, seqScans: plan.seqScans }).toEqual({ context, seqScans: [] });
      expect({ context, jit: plan.jit }).toEqual({ context, jit: false });
      const read = Object.values(plan.rowsRead).reduce((sum, rows) => sum + rows, 0);
      expect({ context, withinBudget: read <= budget }).toEqual({ context, withinBudget: true });
    }
  }

  const get = (path: string, who: SignedIn) => app.http.get(path, { token: who.token });

  it('the coordinator’s first page and the next, by cursor', async () => {
    let cursor = '';
    expectLean(
      await plansOf(async () => {
        const page = await get(`/api/v1/concerns?limit=${PAGE}`, coordinator);
        cursor = page.body.nextCursor;
        return page;
      }),
    );
    expect(cursor).toEqual(expect.any(String));
    expectLean(await plansOf(() => get(`/api/v1/concerns?limit=${PAGE}&cursor=${cursor}`, coordinator)));
  });

  it('a reporter’s own concerns, and an agency’s shared ones', async () => {
    expectLean(await plansOf(() => get(`/api/v1/concerns?limit=${PAGE}`, reporter)));
    expectLean(await plansOf(() => get(`/api/v1/concerns?limit=${PAGE}`, welfare)));
  });

  it('a detail read', async () => {
    const [{ id }] = await app.dataSource.query(
      `SELECT id FROM concerns WHERE district_id = $1 AND classification = 'coordination' LIMIT 1`,
      [city.districtIds[0]],
    );
    expectLean(await plansOf(() => get(`/api/v1/concerns/${id}`, coordinator)), 50);
  });

  it('the referral board', async () => {
    expectLean(await plansOf(() => get(`/api/v1/referrals?limit=${PAGE}`, coordinator)));
  });

  it('a forum’s agenda candidates', async () => {
    // A forum this month, after a year of triaged concerns: its candidates are the month's, not the district's.
    await app.dataSource.query(
      `UPDATE concerns SET triage_outcome = 'refer', triaged_at = created_at + interval '1 day'
        WHERE district_id = $1 AND status = 'referral_pending'`,
      [city.districtIds[0]],
    );
    const inMonths = (months: number) => new Date(Date.now() + months * 30 * 86_400_000).toISOString();
    // Last month's forum, as the worker would have left it.
    await createMeetingRecord(app.dataSource, { districtId: city.districtIds[0], startsAt: new Date(inMonths(-1)) });
    const created = await arrangeMeeting(app.http, coordinator.token, {
      districtId: city.districtIds[0],
      startsAt: inMonths(1),
      participantIds: [coordinator.user!.id],
    });
    const plans = await plansOf(() =>
      app.http.post(`/api/v1/meetings/${created.id}/agenda`, {}, { token: coordinator.token }),
    );
    const [{ items }] = await app.dataSource.query(
      'SELECT count(*)::int AS items FROM agenda_items WHERE meeting_id = $1',
      [created.id],
    );
    expect(items).toBeGreaterThan(20);
    // The month's cases, not the district's years: a few rows read per item on the agenda.
    expectLean(plans, 5 * items + BUDGET);
  });
});
