/**
 * The API the web app's first screens need: the subject search (find before register), "my
 * concerns" with each one's stage, the intake's order, saved filters and what is new since a
 * queue was last seen, the home page's counts in one query, and a concern's timeline redacted for
 * its reader.
 */
import { Agency } from '../../src/agencies/agency.entity';
import { District } from '../../src/districts/district.entity';
import { ReferralLifecycleService } from '../../src/referrals/referral-lifecycle.service';
import { arrangeMeeting, createReferral, recordConsent } from '../support/case-flows';
import { createAgency, createConcernRecord, createDistrict, signedIn } from '../support/factories';
import { capturingQueries, explainSelects } from '../support/query-plans';
import { seedScaleCity } from '../support/scale-data';
import { startTestApp, TestApp } from '../support/test-app';

type SignedIn = Awaited<ReturnType<typeof signedIn>>;

describe('the API of the first screens', () => {
  let app: TestApp;
  let east: District;
  let west: District;
  let school: Agency;
  let social: Agency;
  const people = {} as Record<
    'nurse' | 'colleague' | 'otherAgency' | 'coordinator' | 'westCoordinator' | 'caseWorker' | 'admin',
    SignedIn
  >;

  beforeAll(async () => {
    app = await startTestApp();
    east = await createDistrict(app.dataSource);
    west = await createDistrict(app.dataSource);
    school = await createAgency(app.dataSource, { kind: 'school', districtId: east.id });
    social = await createAgency(app.dataSource, { kind: 'social_services', districtId: east.id });
    const office = await createAgency(app.dataSource, { kind: 'other' });
    people.nurse = await signedIn(app.http, app.dataSource, { roles: ['reporter'], agency: school, districts: [east] });
    people.colleague = await signedIn(app.http, app.dataSource, {
      roles: ['reporter'],
      agency: school,
      districts: [east],
    });
    people.otherAgency = await signedIn(app.http, app.dataSource, {
      roles: ['reporter'],
      agency: await createAgency(app.dataSource, { kind: 'youth_service', districtId: east.id }),
      districts: [east],
    });
    people.coordinator = await signedIn(app.http, app.dataSource, {
      roles: ['coordinator'],
      agency: office,
      districts: [east],
    });
    people.westCoordinator = await signedIn(app.http, app.dataSource, {
      roles: ['coordinator'],
      agency: office,
      districts: [west],
    });
    people.caseWorker = await signedIn(app.http, app.dataSource, {
      roles: ['case_worker'],
      agency: social,
      districts: [east],
    });
    people.admin = await signedIn(app.http, app.dataSource, { roles: ['admin'] });
  });
  afterAll(() => app.close());

  const get = (path: string, who: SignedIn) => app.http.get(path, { token: who.token });
  const post = (path: string, body: unknown, who: SignedIn) => app.http.post(path, body, { token: who.token });
  const patch = (path: string, body: unknown, who: SignedIn) => app.http.patch(path, body, { token: who.token });
  const remove = (path: string, who: SignedIn) => app.http.request('DELETE', path, undefined, { token: who.token });

  /** Logs a concern over HTTP (so the trail has its events), registering its subject with it. */
  async function logConcern(
    who: SignedIn,
    subject: { fullName: string; dateOfBirth: string; districtId?: string } | { id: string },
    riskLevel = 'moderate',
  ) {
    const response = await post(
      '/api/v1/concerns',
      {
        ...('id' in subject ? { subjectId: subject.id } : { subject: { districtId: east.id, ...subject } }),
        category: 'hate_crime',
        narrative: 'Seen in the schoolyard',
        source: 'professional',
        riskLevel,
      },
      who,
    );
    expect(response.status).toBe(201);
    return response.body as { id: string; version: number; subject: { id: string } };
  }

  describe('the subject search', () => {
    let soren: { id: string };
    let twin: { id: string };

    beforeAll(async () => {
      soren = (await logConcern(people.nurse, { fullName: 'Søren Ødegård', dateOfBirth: '2010-05-17' })).subject;
      // A similar name born another day, known to the nurse as well.
      twin = (await logConcern(people.nurse, { fullName: 'Søren Ødegaard', dateOfBirth: '2011-02-03' })).subject;
      // Someone the nurse's agency does not know of.
      await logConcern(people.otherAgency, { fullName: 'Søren Ødegård', dateOfBirth: '2009-09-09' });
    });

    const search = (who: SignedIn, query: Record<string, string>) =>
      get(`/api/v1/subjects?${new URLSearchParams(query).toString()}`, who);

    it('folds Nordic spellings and forgives a typo, and says why each hit matched', async () => {
      for (const query of ['Soren Odegard', 'SØREN ØDEGÅRD', 'Sorne Odegard', 'ødegård']) {
        const response = await search(people.nurse, { query });
        expect(response.status).toBe(200);
        const ids = response.body.items.map((hit: { id: string }) => hit.id);
        expect(ids).toEqual(expect.arrayContaining([soren.id, twin.id]));
        expect(ids).toHaveLength(2);
        const hit = response.body.items.find((item: { id: string }) => item.id === soren.id);
        expect(hit).toMatchObject({ matchedOn: ['name'], redacted: false, fullName: 'Søren Ødegård' });
        expect(hit.similarity).toBeGreaterThanOrEqual(0.5);
      }
    });

    it('ranks a hit on name and birth date first, and names both', async () => {
      const response = await search(people.nurse, { query: 'Søren Ødegaard', dateOfBirth: '2010-05-17' });
      expect(response.status).toBe(200);
      expect(response.body.items[0]).toMatchObject({ id: soren.id, matchedOn: ['name', 'date_of_birth'] });
      expect(response.body.items[1]).toMatchObject({ id: twin.id, matchedOn: ['name'] });
    });

    it('shows a colleague the subjects their agency holds concerns about, by pseudonym only', async () => {
      const response = await search(people.colleague, { query: 'Soren Odegard', dateOfBirth: '2010-05-17' });
      const hit = response.body.items.find((item: { id: string }) => item.id === soren.id);
      expect(hit).toMatchObject({ redacted: true, pseudonym: expect.stringMatching(/^S-/) });
      expect(hit).not.toHaveProperty('fullName');
      expect(hit).not.toHaveProperty('dateOfBirth');
    });

    it('finds only subjects the caller may know exist', async () => {
      const outsider = await search(people.otherAgency, { query: 'Soren Odegard' });
      expect(outsider.body.items.map((hit: { id: string }) => hit.id)).not.toContain(soren.id);
      expect(outsider.body.items).toHaveLength(1);
      const coordinator = await search(people.coordinator, { query: 'Soren Odegard' });
      expect(coordinator.body.items).toHaveLength(3);
      const elsewhere = await search(people.westCoordinator, { query: 'Soren Odegard' });
      expect(elsewhere.body.items).toEqual([]);
      expect((await search(people.admin, { query: 'Soren Odegard' })).status).toBe(403);
    });

    it('audits the search and each subject shown, never the words searched', async () => {
      const response = await search(people.nurse, { query: 'Soren Odegard', purpose: 'log_concern' });
      expect(response.status).toBe(200);
      const events: { subject_id: string | null; purpose: string; details: Record<string, unknown> }[] =
        await app.dataSource.query(
          `SELECT subject_id, purpose, details FROM audit_events WHERE action = 'subject.search' AND actor_id = $1 AND request_id = (
             SELECT request_id FROM audit_events WHERE action = 'subject.search' AND actor_id = $1 ORDER BY occurred_at DESC LIMIT 1)`,
          [people.nurse.user.id],
        );
      const searchEvent = events.find((event) => event.subject_id === null);
      expect(searchEvent).toMatchObject({ purpose: 'log_concern', details: { hits: 2, dateOfBirthGiven: false } });
      expect(events.filter((event) => event.subject_id !== null).map((event) => event.subject_id)).toEqual(
        expect.arrayContaining([soren.id, twin.id]),
      );
      expect(JSON.stringify(events).toLowerCase()).not.toMatch(/soren|odegard/);
    });

    it('pages through the hits by cursor, in the ranking’s order, each once', async () => {
      const all = await search(people.coordinator, { query: 'Soren Odegard', limit: '50' });
      expect(all.body.nextCursor).toBeNull();
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const page: Awaited<ReturnType<typeof get>> = await search(people.coordinator, {
          query: 'Soren Odegard',
          limit: '1',
          ...(cursor ? { cursor } : {}),
        });
        expect(page.status).toBe(200);
        seen.push(...page.body.items.map((hit: { id: string }) => hit.id));
        cursor = page.body.nextCursor;
      } while (cursor && seen.length < 10);
      expect(seen).toEqual(all.body.items.map((hit: { id: string }) => hit.id));
      expect(seen.length).toBeGreaterThan(1);
      const forged = Buffer.from(JSON.stringify({ d: true, s: 'drop table', p: 'S-1' })).toString('base64url');
      expect((await search(people.coordinator, { query: 'Soren Odegard', cursor: forged })).status).toBe(400);
    });

    it('never finds an anonymised subject: nothing of its name is left to match', async () => {
      const gone = (await logConcern(people.nurse, { fullName: 'Gunnhild Åsheim', dateOfBirth: '2010-10-10' })).subject;
      expect((await search(people.nurse, { query: 'Gunnhild Asheim' })).body.items).toHaveLength(1);
      await app.dataSource.query(
        `UPDATE subjects SET full_name = NULL, name_key = NULL, date_of_birth = NULL, birth_year = 2010, anonymised_at = now() WHERE id = $1`,
        [gone.id],
      );
      const after = await search(people.nurse, { query: 'Gunnhild Asheim', dateOfBirth: '2010-10-10' });
      expect(after.status).toBe(200);
      expect(after.body.items).toEqual([]);
    });

    it('refuses a search it cannot run with a problem document', async () => {
      for (const query of [{ query: 'a' }, { query: '!!' }, { query: 'Søren', dateOfBirth: '2010-13-01' }, {}]) {
        const response = await search(people.nurse, query as Record<string, string>);
        expect(response.status).toBe(400);
        expect(response.body.status).toBe(400);
      }
    });
  });

  describe('the subject search at scale', () => {
    it('finds a name among 100,000 subjects through the trigram index, reading a few rows', async () => {
      const district = await createDistrict(app.dataSource);
      const coordinator = await signedIn(app.http, app.dataSource, { roles: ['coordinator'], districts: [district] });
      // Names of random letters: as unlike one another as a city's names are, unlike the scale seed's numbered ones.
      const letters = (seed: string, from: number, length: number) =>
        `initcap(translate(substr(md5(${seed}), ${from}, ${length}), '0123456789', 'ghijklmnop'))`;
      await app.dataSource.query(
        `INSERT INTO subjects (pseudonym, full_name, name_key, date_of_birth, district_id, created_by_id, created_by_agency_id)
         SELECT 'Y-' || lpad(to_hex(g), 8, '0'), name, lower(name), date '2006-01-01' + (g % 4000), $1, $2, $3
           FROM (SELECT g, ${letters('g::text', 1, 7)} || ' ' || ${letters('(g * 7)::text', 9, 9)} AS name
                   FROM generate_series(1, 100000) g) named`,
        [district.id, people.nurse.user.id, school.id],
      );
      await app.dataSource.query('ANALYZE subjects');
      const [{ id, full_name: name }] = await app.dataSource.query(
        `SELECT id, full_name FROM subjects WHERE pseudonym = 'Y-' || lpad(to_hex(54321), 8, '0')`,
      );
      // A typo in the middle: one letter swapped.
      const typed = `${name.slice(0, 3)}${name[4]}${name[3]}${name.slice(5)}`;
      let found: { id: string; matchedOn: string[] }[] = [];
      const queries = await capturingQueries(app.dataSource, async () => {
        const response = await get(`/api/v1/subjects?query=${encodeURIComponent(typed)}`, coordinator);
        expect(response.status).toBe(200);
        found = response.body.items;
      });
      expect(found[0]).toMatchObject({ id, matchedOn: ['name'] });
      const plans = await explainSelects(app.dataSource, queries, ['subjects', 'concerns']);
      const search = plans.find((plan) => /word_similarity/.test(plan.sql))!;
      expect(search.seqScans).toEqual([]);
      expect(search.rowsRead.subjects).toBeLessThan(100);
    }, 120_000);
  });

  describe('my concerns', () => {
    it('lists only the caller’s own, each with its stage, in one query, never the triage note', async () => {
      const mine = await logConcern(people.nurse, { fullName: 'Mina Berg', dateOfBirth: '2012-01-01' });
      await logConcern(people.colleague, { fullName: 'Other Child', dateOfBirth: '2012-01-02' });
      const triaged = await post(
        `/api/v1/concerns/${mine.id}/triage`,
        { outcome: 'guidance_only', note: 'Talk to the parents' },
        people.coordinator,
      );
      expect(triaged.status).toBe(200);
      let response: Awaited<ReturnType<typeof get>> | undefined;
      const queries = await capturingQueries(app.dataSource, async () => {
        response = await get('/api/v1/concerns?reporter=me&limit=200', people.nurse);
      });
      expect(response!.status).toBe(200);
      const items = response!.body.items as { id: string; stage: string; contact: { email: string } }[];
      expect(items.length).toBeGreaterThan(0);
      expect(items.every((item) => item.contact.email === people.nurse.user.email)).toBe(true);
      const read = items.find((item) => item.id === mine.id)!;
      expect(read).toMatchObject({ stage: 'guidance_given', status: 'guidance_only' });
      expect(read).not.toHaveProperty('triage');
      expect(JSON.stringify(response!.body)).not.toContain('Talk to the parents');
      const caseReads = queries.filter(
        (query) => /^\s*SELECT/i.test(query.sql) && /"concerns"|concerns "/.test(query.sql) && !/audit/.test(query.sql),
      );
      expect(caseReads).toHaveLength(1);
    });

    it('refuses a reporter filter other than me', async () => {
      expect((await get('/api/v1/concerns?reporter=someone', people.nurse)).status).toBe(400);
    });
  });

  describe('the intake queue', () => {
    it('orders highest risk first, then oldest first, and pages across risk levels', async () => {
      const district = await createDistrict(app.dataSource);
      const coordinator = await signedIn(app.http, app.dataSource, { roles: ['coordinator'], districts: [district] });
      const reporter = people.nurse.user;
      const plan: [string, number][] = [
        ['low', 1],
        ['high', 5],
        ['immediate_danger', 2],
        ['high', 9],
        ['moderate', 3],
        ['high', 7],
        ['low', 8],
      ];
      const made: { id: string; risk: string; age: number }[] = [];
      for (const [risk, hoursAgo] of plan) {
        const concern = await createConcernRecord(app.dataSource, {
          reporter,
          districtId: district.id,
          classification: 'coordination',
        });
        await app.dataSource.query(
          `UPDATE concerns SET risk_level = $2, created_at = now() - make_interval(hours => $3) WHERE id = $1`,
          [concern.id, risk, hoursAgo],
        );
        made.push({ id: concern.id, risk, age: hoursAgo });
      }
      const rank = ['immediate_danger', 'high', 'moderate', 'low'];
      const expected = [...made]
        .sort((a, b) => rank.indexOf(a.risk) - rank.indexOf(b.risk) || b.age - a.age)
        .map((concern) => concern.id);
      const seen: string[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const response = await get(
          `/api/v1/concerns?sort=intake&status=new&limit=2${cursor ? `&cursor=${cursor}` : ''}`,
          coordinator,
        );
        expect(response.status).toBe(200);
        seen.push(...response.body.items.map((item: { id: string }) => item.id));
        cursor = response.body.nextCursor;
        pages += 1;
      } while (cursor && pages < 10);
      expect(seen).toEqual(expected);
      expect(pages).toBe(4);
      const high = await get(`/api/v1/concerns?sort=intake&riskLevel=high`, coordinator);
      expect(high.body.items.map((item: { id: string }) => item.id)).toEqual(expected.slice(1, 4));
      expect((await get('/api/v1/concerns?sort=intake&cursor=bm9wZQ', coordinator)).status).toBe(400);
    });
  });

  describe('saved filters', () => {
    it('keeps each user’s own, validated as the list’s filters, and refuses another’s as unknown', async () => {
      const created = await post(
        '/api/v1/saved-filters',
        {
          name: 'High risk, east',
          resource: 'concerns',
          query: { riskLevel: 'high', districtId: east.id },
          pinned: true,
        },
        people.coordinator,
      );
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({
        name: 'High risk, east',
        pinned: true,
        lastSeenAt: null,
        query: { riskLevel: 'high', districtId: east.id },
      });
      const id = created.body.id as string;
      for (const query of [
        { riskLevel: 'extreme' },
        { narrative: 'x' },
        { subjectId: east.id },
        { districtId: 'east' },
      ]) {
        const refused = await post(
          '/api/v1/saved-filters',
          { name: 'Bad', resource: 'concerns', query },
          people.coordinator,
        );
        expect(refused.status).toBe(400);
      }
      const twice = await post(
        '/api/v1/saved-filters',
        { name: 'High risk, east', resource: 'concerns', query: {} },
        people.coordinator,
      );
      expect(twice.status).toBe(409);
      const mine = await get('/api/v1/saved-filters', people.coordinator);
      expect(mine.body.items.map((filter: { id: string }) => filter.id)).toContain(id);
      const theirs = await get('/api/v1/saved-filters', people.westCoordinator);
      expect(theirs.body.items.map((filter: { id: string }) => filter.id)).not.toContain(id);
      expect((await patch(`/api/v1/saved-filters/${id}`, { name: 'Mine now' }, people.westCoordinator)).status).toBe(
        404,
      );
      expect((await post(`/api/v1/saved-filters/${id}/seen`, {}, people.westCoordinator)).status).toBe(404);
      expect((await remove(`/api/v1/saved-filters/${id}`, people.westCoordinator)).status).toBe(404);
      const renamed = await patch(
        `/api/v1/saved-filters/${id}`,
        { name: 'High risk', pinned: false },
        people.coordinator,
      );
      expect(renamed.body).toMatchObject({ name: 'High risk', pinned: false });
      expect((await get('/api/v1/saved-filters', people.admin)).status).toBe(403);
      expect((await remove(`/api/v1/saved-filters/${id}`, people.coordinator)).status).toBe(204);
      expect((await post(`/api/v1/saved-filters/${id}/seen`, {}, people.coordinator)).status).toBe(404);
    });

    it('pins at most ten queues, and says so by the field', async () => {
      const who = await signedIn(app.http, app.dataSource, { roles: ['coordinator'], districts: [east] });
      const make = (n: number, pinned: boolean) =>
        post('/api/v1/saved-filters', { name: `Queue ${n}`, resource: 'concerns', query: {}, pinned }, who);
      for (let n = 0; n < 10; n += 1) expect((await make(n, true)).status).toBe(201);
      const eleventh = await make(10, true);
      expect(eleventh.status).toBe(422);
      expect(eleventh.body.errors).toEqual([expect.objectContaining({ field: 'pinned' })]);
      const unpinned = await make(11, false);
      expect(unpinned.status).toBe(201);
      expect((await patch(`/api/v1/saved-filters/${unpinned.body.id}`, { pinned: true }, who)).status).toBe(422);
      const changed = await patch(`/api/v1/saved-filters/${unpinned.body.id}`, { query: { sort: 'intake' } }, who);
      expect(changed.body.query).toEqual({ sort: 'intake' });
    });

    it('marks what is new since the queue was last seen', async () => {
      const filter = await post(
        '/api/v1/saved-filters',
        { name: 'Everything new', resource: 'concerns', query: { status: 'new' } },
        people.coordinator,
      );
      const before = await logConcern(people.nurse, { fullName: 'Before Seen', dateOfBirth: '2011-03-03' });
      const seen = await post(`/api/v1/saved-filters/${filter.body.id}/seen`, {}, people.coordinator);
      expect(seen.status).toBe(200);
      expect(seen.body.lastSeenAt).toEqual(expect.any(String));
      await new Promise((resolve) => setTimeout(resolve, 5));
      const after = await logConcern(people.nurse, { fullName: 'After Seen', dateOfBirth: '2011-04-04' });
      const list = await get(
        `/api/v1/concerns?status=new&since=${encodeURIComponent(seen.body.lastSeenAt)}&limit=200`,
        people.coordinator,
      );
      const flag = (id: string) => list.body.items.find((item: { id: string }) => item.id === id)?.newSinceLastSeen;
      expect(flag(after.id)).toBe(true);
      expect(flag(before.id)).toBe(false);
      const plain = await get('/api/v1/concerns?status=new', people.coordinator);
      expect(plain.body.items[0]).not.toHaveProperty('newSinceLastSeen');
    });
  });

  describe('the home page’s counts', () => {
    it('counts what is the caller’s to do, each as its list would show it, in one query', async () => {
      const district = await createDistrict(app.dataSource);
      const other = await createDistrict(app.dataSource);
      const coordinator = await signedIn(app.http, app.dataSource, { roles: ['coordinator'], districts: [district] });
      for (const [where, risk] of [
        [district, 'high'],
        [district, 'high'],
        [district, 'low'],
        [other, 'high'],
      ] as const) {
        const concern = await createConcernRecord(app.dataSource, {
          reporter: people.nurse.user,
          districtId: where.id,
          classification: 'agency_restricted',
        });
        await app.dataSource.query('UPDATE concerns SET risk_level = $2 WHERE id = $1', [concern.id, risk]);
      }
      const queue = await post(
        '/api/v1/saved-filters',
        { name: 'High', resource: 'concerns', query: { riskLevel: 'high', status: 'new' }, pinned: true },
        coordinator,
      );
      expect(queue.status).toBe(201);
      let response: Awaited<ReturnType<typeof get>> | undefined;
      const queries = await capturingQueries(app.dataSource, async () => {
        response = await get('/api/v1/me/work', coordinator);
      });
      expect(response!.status).toBe(200);
      expect(response!.body).toEqual({
        unreadNotifications: 0,
        followUpsDue: 0,
        followUpsOverdue: 0,
        intake: 3,
        referralsWaiting: 0,
        referralsUnseen: 0,
        referralsNew: 0,
        nextMeeting: null,
        queues: [{ savedFilterId: queue.body.id, name: 'High', count: 2, newCount: 2 }],
      });
      const counting = queries.filter((query) => /follow_ups|notifications|concerns/.test(query.sql));
      expect(counting).toHaveLength(1);

      await post(`/api/v1/saved-filters/${queue.body.id}/seen`, {}, coordinator);
      const later = await get('/api/v1/me/work', coordinator);
      expect(later.body.queues[0]).toMatchObject({ count: 2, newCount: 0 });

      // A change to a restricted concern is not news to a coordinator who sees only its stub; a new concern is.
      await app.dataSource.query(
        `UPDATE concerns SET updated_at = now() + interval '1 second' WHERE district_id = $1 AND risk_level = 'high'`,
        [district.id],
      );
      expect((await get('/api/v1/me/work', coordinator)).body.queues[0]).toMatchObject({ count: 2, newCount: 0 });
      const open = await createConcernRecord(app.dataSource, {
        reporter: people.nurse.user,
        districtId: district.id,
        classification: 'coordination',
      });
      await app.dataSource.query(
        `UPDATE concerns SET risk_level = 'high', created_at = now() - interval '1 day', updated_at = now() + interval '1 second' WHERE id = $1`,
        [open.id],
      );
      expect((await get('/api/v1/me/work', coordinator)).body.queues[0]).toMatchObject({ count: 3, newCount: 1 });

      const reporter = await get('/api/v1/me/work', people.nurse);
      expect(reporter.status).toBe(200);
      expect(reporter.body.intake).toBeNull();

      // The next meeting the caller is invited to: the sooner of two, not one already past.
      const startsIn = (hours: number) => new Date(Date.now() + hours * 3_600_000).toISOString();
      const meetings = [];
      for (const hours of [72, 24]) {
        meetings.push(
          await arrangeMeeting(app.http, coordinator, {
            districtId: district.id,
            startsAt: startsIn(hours),
            participantIds: [coordinator.user.id],
          }),
        );
      }
      const withMeetings = await get('/api/v1/me/work', coordinator);
      expect(withMeetings.body.nextMeeting).toEqual({
        id: meetings[1].id,
        kind: 'forum',
        startsAt: meetings[1].startsAt,
        districtId: district.id,
      });
    });

    it('counts the referrals waiting for the caller’s agency', async () => {
      const concern = await logConcern(people.nurse, { fullName: 'Waiting Child', dateOfBirth: '2012-06-06' });
      await post(`/api/v1/concerns/${concern.id}/triage`, { outcome: 'refer', note: 'Refer' }, people.coordinator);
      const before = (await get('/api/v1/me/work', people.caseWorker)).body;
      const referral = await createReferral(app.http, people.coordinator, {
        concernId: concern.id,
        toAgencyId: social.id,
      });
      const after = await get('/api/v1/me/work', people.caseWorker);
      expect(after.body.referralsWaiting).toBe(before.referralsWaiting + 1);
      // New in the inbox until someone of the agency opens it; still waiting until accepted or declined.
      expect(after.body.referralsUnseen).toBe(before.referralsUnseen + 1);
      expect((await get(`/api/v1/referrals/${referral.id}`, people.caseWorker)).status).toBe(200);
      const opened = await get('/api/v1/me/work', people.caseWorker);
      expect(opened.body.referralsWaiting).toBe(before.referralsWaiting + 1);
      expect(opened.body.referralsUnseen).toBe(before.referralsUnseen);
    });
  });

  describe('a concern’s timeline', () => {
    let concernId: string;

    beforeAll(async () => {
      const concern = await logConcern(people.nurse, { fullName: 'Timeline Child', dateOfBirth: '2011-07-07' });
      concernId = concern.id;
      const triaged = await post(
        `/api/v1/concerns/${concernId}/triage`,
        { outcome: 'refer', note: 'Needs the social services' },
        people.coordinator,
      );
      expect(triaged.status).toBe(200);
      const referral = await createReferral(app.http, people.coordinator, { concernId, toAgencyId: social.id });
      const accepted = await post(
        `/api/v1/referrals/${referral.id}/accept`,
        { caseWorkerId: people.caseWorker.user.id, version: referral.version },
        people.caseWorker,
      );
      expect(accepted.status).toBe(200);
    });

    const kinds = (steps: { kind: string }[]) => steps.map((step) => step.kind);
    /** In the trail's order: the referral's review follow-up is made in its transaction, and recorded first. */
    const STEPS = ['concern.create', 'concern.triage', 'follow_up.create', 'referral.create', 'referral.accept'];

    it('shows the coordinator every step, naming who did it and for which agency', async () => {
      const response = await get(`/api/v1/concerns/${concernId}/timeline`, people.coordinator);
      expect(response.status).toBe(200);
      expect(response.body.redacted).toBe(false);
      const steps = response.body.steps;
      expect(kinds(steps)).toEqual(STEPS);
      expect(steps[0]).toMatchObject({
        redacted: false,
        bySystem: false,
        actor: { id: people.nurse.user.id, name: people.nurse.user.name, agencyName: school.name },
      });
      expect(steps[1]).toMatchObject({ outcome: 'refer', actor: { id: people.coordinator.user.id } });
      expect(steps[2]).toMatchObject({ redacted: false, followUpId: expect.any(String) });
      expect(steps[3]).toMatchObject({ redacted: false, referral: { toAgencyName: social.name } });
      expect(steps[4]).toMatchObject({
        actor: { id: people.caseWorker.user.id, agencyName: social.name },
        referral: { toAgencyName: social.name },
      });
    });

    it('shows the reporter placeholders for the steps that are not theirs to see', async () => {
      const response = await get(`/api/v1/concerns/${concernId}/timeline`, people.nurse);
      expect(response.status).toBe(200);
      const steps = response.body.steps;
      expect(kinds(steps)).toEqual(STEPS);
      expect(steps[0].redacted).toBe(false);
      for (const step of steps.slice(1)) expect(Object.keys(step).sort()).toEqual(['at', 'kind', 'redacted']);
      expect(steps.slice(1).every((step: { redacted: boolean }) => step.redacted)).toBe(true);
    });

    it('shows the receiving agency its referral’s steps', async () => {
      const response = await get(`/api/v1/concerns/${concernId}/timeline`, people.caseWorker);
      expect(response.status).toBe(200);
      const accept = response.body.steps.find((step: { kind: string }) => step.kind === 'referral.accept');
      expect(accept).toMatchObject({ redacted: false, actor: { id: people.caseWorker.user.id } });
    });

    it('says the system did what no person did: a referral closed when its consent ran out', async () => {
      const concern = await logConcern(people.nurse, { fullName: 'Consent Child', dateOfBirth: '2011-08-08' });
      await post(`/api/v1/concerns/${concern.id}/triage`, { outcome: 'refer', note: 'Refer' }, people.coordinator);
      const consent = await recordConsent(app.http, people.coordinator, {
        subjectId: concern.subject.id,
        agencyIds: [social.id],
      });
      await createReferral(app.http, people.coordinator, {
        concernId: concern.id,
        toAgencyId: social.id,
        consentId: consent.id,
      });
      await app.dataSource.query(`UPDATE consents SET valid_until = now() - interval '1 minute' WHERE id = $1`, [
        consent.id,
      ]);
      await app.dataSource.transaction((manager) =>
        app.app.get(ReferralLifecycleService).closeOnExpiry(manager, consent.id),
      );
      const response = await get(`/api/v1/concerns/${concern.id}/timeline`, people.coordinator);
      const closed = response.body.steps.find((step: { kind: string }) => step.kind === 'referral.close');
      expect(closed).toMatchObject({ redacted: false, bySystem: true, actor: null });
    });

    it('shows an agenda item about the concern to those who may read the meeting, a placeholder to others', async () => {
      const meeting = await arrangeMeeting(app.http, people.coordinator, {
        districtId: east.id,
        participantIds: [people.coordinator.user.id],
      });
      const added = await post(
        `/api/v1/meetings/${meeting.id}/agenda/items`,
        { title: 'Discuss the timeline child', concernId },
        people.coordinator,
      );
      expect(added.status).toBeLessThan(300);
      const coordinator = await get(`/api/v1/concerns/${concernId}/timeline`, people.coordinator);
      const item = coordinator.body.steps.find((step: { kind: string }) => step.kind === 'agenda.add_item');
      expect(item).toMatchObject({
        redacted: false,
        actor: { id: people.coordinator.user.id },
        meeting: { id: meeting.id, startsAt: meeting.startsAt },
      });
      const reporter = await get(`/api/v1/concerns/${concernId}/timeline`, people.nurse);
      const hidden = reporter.body.steps.find((step: { kind: string }) => step.kind === 'agenda.add_item');
      expect(hidden).toEqual({ kind: 'agenda.add_item', at: item.at, redacted: true });
    });

    it('is not found where the concern is not, and refused to an admin', async () => {
      expect((await get(`/api/v1/concerns/${concernId}/timeline`, people.otherAgency)).status).toBe(404);
      expect((await get(`/api/v1/concerns/${concernId}/timeline`, people.westCoordinator)).status).toBe(404);
      expect((await get(`/api/v1/concerns/${concernId}/timeline`, people.admin)).status).toBe(403);
    });

    it('is audited as a read of the concern, and reads are never steps', async () => {
      await get(`/api/v1/concerns/${concernId}/timeline`, people.coordinator);
      const [event] = await app.dataSource.query(
        `SELECT action, subject_id, details FROM audit_events WHERE resource_id = $1 AND actor_id = $2 AND action = 'concern.read' ORDER BY occurred_at DESC LIMIT 1`,
        [concernId, people.coordinator.user.id],
      );
      expect(event).toMatchObject({ action: 'concern.read', details: { view: 'timeline' } });
      const again = await get(`/api/v1/concerns/${concernId}/timeline`, people.coordinator);
      expect(kinds(again.body.steps)).not.toContain('concern.read');
    });
  });
  describe('the intake and the home page at scale', () => {
    it('reads about a page of rows per risk level, and counts the home page without reading a district’s years', async () => {
      const city = await seedScaleCity(app.dataSource, { districts: 4, concerns: 40_000 });
      // Half of the district triaged over the years, and a few of the rest at high risk.
      await app.dataSource.query(
        `UPDATE concerns SET status = 'guidance_only' WHERE district_id = $1 AND hashtext(id::text) % 2 = 0`,
        [city.districtIds[0]],
      );
      await app.dataSource.query(
        `UPDATE concerns SET risk_level = 'high' WHERE district_id = $1 AND status = 'new' AND hashtext(id::text) % 7 = 0`,
        [city.districtIds[0]],
      );
      await app.dataSource.query('ANALYZE');
      const coordinator = await signedIn(app.http, app.dataSource, {
        roles: ['coordinator'],
        districts: [{ id: city.districtIds[0] } as District],
      });
      const watched = ['concerns', 'referrals', 'follow_ups', 'notifications'];
      let first: { items: { riskLevel: string; createdAt: string }[]; nextCursor: string | null } | undefined;
      const queries = await capturingQueries(app.dataSource, async () => {
        const response = await get('/api/v1/concerns?sort=intake&status=new&limit=50', coordinator);
        expect(response.status).toBe(200);
        first = response.body;
      });
      expect(first!.items).toHaveLength(50);
      expect(first!.items[0].riskLevel).toBe('high');
      expect(first!.nextCursor).toEqual(expect.any(String));
      const intake = await explainSelects(app.dataSource, queries, watched);
      expect(intake.length).toBeGreaterThan(0);
      for (const plan of intake) {
        const read = Object.values(plan.rowsRead).reduce((sum, rows) => sum + rows, 0);
        expect({ plan: plan.sql.slice(0, 300), seqScans: plan.seqScans, lean: read <= 12 * 50 }).toEqual({
          plan: plan.sql.slice(0, 300),
          seqScans: [],
          lean: true,
        });
      }
      let intakeCount = 0;
      const work = await capturingQueries(app.dataSource, async () => {
        const response = await get('/api/v1/me/work', coordinator);
        intakeCount = response.body.intake;
      });
      // The notifications of a fresh city are few enough to scan; the case tables are read through their indexes,
      // the intake from its partial index: the rows counted, not the district's years of triaged concerns.
      const [counts] = await explainSelects(app.dataSource, work, ['concerns', 'referrals', 'follow_ups']);
      expect(intakeCount).toBeGreaterThan(0);
      expect(counts.seqScans).toEqual([]);
      expect(counts.rowsRead.concerns).toBe(intakeCount);
    }, 180_000);
  });
});
