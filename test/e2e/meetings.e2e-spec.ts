import { getQueueToken } from '@nestjs/bullmq';
import { INestApplicationContext } from '@nestjs/common';
import { Queue } from 'bullmq';
import { DateTime } from 'luxon';
import * as ical from 'node-ical';
import { Agency } from '../../src/agencies/agency.entity';
import { Clock } from '../../src/clock/clock';
import { District } from '../../src/districts/district.entity';
import { FollowUp } from '../../src/follow-ups/follow-up.entity';
import { MeetingsSweep } from '../../src/meetings/meetings-sweep.service';
import { agendaStepJobId, QUEUES } from '../../src/queue/queues';
import { createAgency, createDistrict, signedIn } from '../support/factories';
import { startTestApp, TestApp } from '../support/test-app';
import { startTestWorker } from '../support/test-worker';
// pdf-parse's index runs a self-test when required directly; its library file does not.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const pdfParse: (data: Buffer) => Promise<{ text: string }> = require('pdf-parse/lib/pdf-parse.js');

type SignedIn = Awaited<ReturnType<typeof signedIn>>;
const DAY = 24 * 3_600_000;

async function eventually<T>(probe: () => Promise<T>, check: (value: T) => boolean, ms = 15_000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (check(value) || Date.now() > until) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('forum meetings: agendas, redaction, minutes', () => {
  let app: TestApp;
  let clock: Clock;
  let district: District;
  let police: Agency;
  let school: Agency;
  let ngo: Agency;
  let coordinator: SignedIn;
  let policeReporter: SignedIn;
  let socialWorker: SignedIn;
  let policeMember: SignedIn;
  let schoolMember: SignedIn;
  let ngoMember: SignedIn;
  let outsider: SignedIn;
  /** Three cases, each of which one participant's agency has a basis for. */
  const cases: Record<
    'police' | 'school' | 'ngo',
    { concernId: string; subjectId: string; name: string; pseudonym: string; referralId?: string }
  > = {} as never;
  let overdueFollowUpId: string;

  const at = (ms: number) => new Date(clock.now().getTime() + ms).toISOString();

  async function concern(by: SignedIn, name: string, riskLevel: string, classification?: string) {
    const created = await app.http.post(
      '/api/v1/concerns',
      {
        subject: { fullName: name, dateOfBirth: '2011-04-02', districtId: district.id },
        category: 'violent_extremism',
        narrative: `Narrative about ${name}`,
        source: 'professional',
        riskLevel,
        ...(classification ? { classification } : {}),
      },
      { token: by.token },
    );
    expect(created.status).toBe(201);
    const triaged = await app.http.post(
      `/api/v1/concerns/${created.body.id}/triage`,
      { outcome: 'refer', note: 'to the forum' },
      { token: coordinator.token },
    );
    expect(triaged.status).toBe(200);
    return { concernId: created.body.id, subjectId: created.body.subject.id, name, pseudonym: created.body.pseudonym };
  }

  async function refer(concernId: string, toAgencyId: string, reviewDate: string, consentId?: string) {
    const referral = await app.http.post(
      '/api/v1/referrals',
      {
        concernId,
        toAgencyId,
        legalBasis: consentId ? 'consent' : 'statutory_duty',
        ...(consentId ? { consentId } : {}),
        reason: 'Needs support',
        reviewDate,
      },
      { token: coordinator.token },
    );
    expect(referral.status).toBe(201);
    return referral.body.id as string;
  }

  async function arrange(startsAt: string, participants: SignedIn[] = [policeMember, schoolMember, ngoMember]) {
    const meeting = await app.http.post(
      '/api/v1/meetings',
      {
        districtId: district.id,
        kind: 'forum',
        startsAt,
        participantIds: participants.map((p) => p.user.id),
        location: 'Town hall, room 4',
      },
      { token: coordinator.token },
    );
    expect(meeting.status).toBe(201);
    return meeting.body;
  }

  const agendaOf = async (meetingId: string, reader: SignedIn) => {
    const response = await app.http.get(`/api/v1/meetings/${meetingId}/agenda`, { token: reader.token });
    expect(response.status).toBe(200);
    return response.body;
  };
  const section = (agenda: any, name: string) => agenda.sections.find((s: any) => s.section === name).items;

  beforeAll(async () => {
    // The worker's jobs are tested below; here generation is asked for, so the lead time keeps jobs out of the way.
    app = await startTestApp({ AGENDA_LEAD_DAYS: '0' });
    clock = app.app.get(Clock);
    district = await app.dataSource
      .getRepository(District)
      .save({ name: `Grorud ${Date.now()}`, timeZone: 'Europe/Oslo' });
    police = await createAgency(app.dataSource, { kind: 'police', name: 'Oslo Police East' });
    school = await createAgency(app.dataSource, { kind: 'school', name: 'Grorud School' });
    ngo = await createAgency(app.dataSource, { kind: 'ngo', name: 'Youth Mentors' });
    const social = await createAgency(app.dataSource, { kind: 'social_services', name: 'Social Services East' });
    const municipality = await createAgency(app.dataSource, { kind: 'other', name: 'SaLTo office' });
    coordinator = await signedIn(app.http, app.dataSource, {
      roles: ['coordinator'],
      agency: municipality,
      districts: [district],
    });
    policeReporter = await signedIn(app.http, app.dataSource, {
      roles: ['reporter'],
      agency: police,
      districts: [district],
    });
    socialWorker = await signedIn(app.http, app.dataSource, {
      roles: ['case_worker'],
      agency: social,
      districts: [district],
    });
    const member = (agency: Agency, name: string) =>
      signedIn(app.http, app.dataSource, { roles: ['forum_member'], agency, districts: [district], name });
    policeMember = await member(police, 'Petter Police');
    schoolMember = await member(school, 'Sara School');
    ngoMember = await member(ngo, 'Nina Mentor');
    outsider = await signedIn(app.http, app.dataSource, {
      roles: ['forum_member'],
      agency: school,
      districts: [district],
    });

    cases.police = await concern(policeReporter, 'Aksel Politisak', 'high');
    cases.school = await concern(socialWorker, 'Birgit Skolesak', 'moderate');
    cases.ngo = await concern(socialWorker, 'Carl Frivillig', 'low');
    cases.school.referralId = await refer(
      cases.school.concernId,
      school.id,
      DateTime.now().plus({ days: 10 }).toISODate()!,
    );
    const consent = await app.http.post(
      '/api/v1/consents',
      {
        subjectId: cases.ngo.subjectId,
        givenBy: 'guardian',
        guardianName: 'A Parent',
        agencyIds: [ngo.id],
        purpose: 'Mentoring',
      },
      { token: coordinator.token },
    );
    expect(consent.status).toBe(201);
    // Reviewed long after the next forum: not on this agenda.
    cases.ngo.referralId = await refer(
      cases.ngo.concernId,
      ngo.id,
      DateTime.now().plus({ days: 200 }).toISODate()!,
      consent.body.id,
    );
    const overdue = await app.dataSource.getRepository(FollowUp).save({
      kind: 'task',
      referralId: cases.school.referralId,
      minuteId: null,
      ownerId: socialWorker.user.id,
      createdById: coordinator.user.id,
      districtId: district.id,
      text: 'Call the school',
      dueAt: new Date(Date.now() - 2 * DAY),
      remindAt: new Date(Date.now() - 3 * DAY),
      state: 'open',
      escalationLevel: 0,
      closedAt: null,
    });
    overdueFollowUpId = overdue.id;
  });
  afterAll(() => app.close());

  describe('the agenda', () => {
    let meeting: any;
    beforeAll(async () => {
      meeting = await arrange(at(3 * DAY));
    });

    it('shows the meeting in the district’s time zone', async () => {
      expect(meeting.timeZone).toBe('Europe/Oslo');
      expect(DateTime.fromISO(meeting.localStartsAt).toMillis()).toBe(new Date(meeting.startsAt).getTime());
      expect(meeting.localStartsAt).toMatch(/\+0[12]:00$/);
      expect(meeting.participants.map((p: any) => p.name)).toEqual(['Nina Mentor', 'Petter Police', 'Sara School']);
    });

    it('has the sections of the design, each ordered by risk level, then age', async () => {
      const generated = await app.http.post(`/api/v1/meetings/${meeting.id}/agenda`, {}, { token: coordinator.token });
      expect(generated.status).toBe(200);
      expect(generated.body.sections.map((s: any) => s.section)).toEqual([
        'new_concerns',
        'referrals_due',
        'overdue_follow_ups',
        'other',
      ]);
      expect(section(generated.body, 'new_concerns').map((i: any) => i.pseudonym)).toEqual([
        cases.police.pseudonym,
        cases.school.pseudonym,
        cases.ngo.pseudonym,
      ]);
      expect(section(generated.body, 'new_concerns').map((i: any) => i.concern.riskLevel)).toEqual([
        'high',
        'moderate',
        'low',
      ]);
      expect(section(generated.body, 'referrals_due').map((i: any) => i.referral.id)).toEqual([
        cases.school.referralId,
      ]);
      expect(section(generated.body, 'overdue_follow_ups').map((i: any) => i.followUp.id)).toEqual([overdueFollowUpId]);
      expect(section(generated.body, 'other')).toEqual([]);
    });

    it('shows each participant the pseudonyms, and the identity only where their agency has a basis', async () => {
      const identifiedBy = async (reader: SignedIn) => {
        const agenda = await agendaOf(meeting.id, reader);
        const items = section(agenda, 'new_concerns');
        const names = JSON.stringify(agenda);
        return {
          identified: items.filter((i: any) => i.identified).map((i: any) => i.subject.fullName),
          pseudonyms: items.map((i: any) => i.pseudonym),
          leaks: Object.values(cases)
            .filter((c) => !items.find((i: any) => i.pseudonym === c.pseudonym && i.identified))
            .filter((c) => names.includes(c.name)),
          narrative: names.includes('Narrative about'),
        };
      };
      const all = [cases.police.pseudonym, cases.school.pseudonym, cases.ngo.pseudonym];
      const views = {
        police: await identifiedBy(policeMember),
        school: await identifiedBy(schoolMember),
        ngo: await identifiedBy(ngoMember),
        coordinator: await identifiedBy(coordinator),
      };
      expect(views).toEqual({
        // The police hold their own concern; the school has an open referral; the NGO a consent.
        police: { identified: [cases.police.name], pseudonyms: all, leaks: [], narrative: false },
        school: { identified: [cases.school.name], pseudonyms: all, leaks: [], narrative: false },
        ngo: { identified: [cases.ngo.name], pseudonyms: all, leaks: [], narrative: false },
        // The coordinator sees coordination concerns in full, the police's restricted one as a stub.
        coordinator: { identified: [cases.school.name, cases.ngo.name], pseudonyms: all, leaks: [], narrative: false },
      });
    });

    it('ends an identity resting on consent when the consent is withdrawn', async () => {
      const [consent] = await app.dataSource.query('SELECT id FROM consents WHERE subject_id = $1', [
        cases.ngo.subjectId,
      ]);
      const withdrawn = await app.http.post(
        `/api/v1/consents/${consent.id}/withdraw`,
        {},
        { token: coordinator.token },
      );
      expect(withdrawn.status).toBe(200);
      const agenda = await agendaOf(meeting.id, ngoMember);
      const item = section(agenda, 'new_concerns').find((i: any) => i.pseudonym === cases.ngo.pseudonym);
      expect(item).toMatchObject({ identified: false });
      expect(item.subject).toBeUndefined();
      expect(JSON.stringify(agenda)).not.toContain(cases.ngo.name);
    });

    it('audits every view: the meeting, and each subject shown with whether the reader saw who it is', async () => {
      await agendaOf(meeting.id, schoolMember);
      const rows = await app.dataSource.query(
        `SELECT resource_type, subject_id, details->>'view' AS view FROM audit_events
          WHERE actor_id = $1 AND action = 'meeting.agenda_viewed' ORDER BY id`,
        [schoolMember.user.id],
      );
      expect(rows.filter((r: any) => r.resource_type === 'Meeting').length).toBeGreaterThanOrEqual(2);
      const ofSchoolCase = rows.filter((r: any) => r.subject_id === cases.school.subjectId).map((r: any) => r.view);
      const ofPoliceCase = rows.filter((r: any) => r.subject_id === cases.police.subjectId).map((r: any) => r.view);
      expect(new Set(ofSchoolCase)).toEqual(new Set(['identity']));
      expect(new Set(ofPoliceCase)).toEqual(new Set(['pseudonym']));
    });

    it('is not there for anyone else: 404 for a non-participant, 403 for admins and auditors', async () => {
      expect((await app.http.get(`/api/v1/meetings/${meeting.id}/agenda`, { token: outsider.token })).status).toBe(404);
      expect((await app.http.get(`/api/v1/meetings/${meeting.id}`, { token: outsider.token })).status).toBe(404);
      const listed = await app.http.get('/api/v1/meetings', { token: outsider.token });
      expect(listed.body.items).toEqual([]);
      for (const role of ['admin', 'auditor'] as const) {
        const staff = await signedIn(app.http, app.dataSource, { roles: [role] });
        expect((await app.http.get(`/api/v1/meetings/${meeting.id}/agenda`, { token: staff.token })).status).toBe(403);
      }
      const denied = await app.dataSource.query(
        `SELECT count(*)::int AS n FROM audit_events WHERE actor_id = $1 AND outcome = 'denied' AND resource_id = $2`,
        [outsider.user.id, meeting.id],
      );
      expect(denied[0].n).toBeGreaterThanOrEqual(1);
    });

    it('keeps hand-added items and the coordinator’s order when regenerated', async () => {
      const added = await app.http.post(
        `/api/v1/meetings/${meeting.id}/agenda/items`,
        { title: 'Summer activities for the older group' },
        { token: coordinator.token },
      );
      expect(added.status).toBe(201);
      const policeItem = section(added.body, 'new_concerns')[0];
      expect(policeItem.pseudonym).toBe(cases.police.pseudonym);
      const moved = await app.http.patch(
        `/api/v1/meetings/${meeting.id}/agenda/items/${policeItem.id}`,
        { position: 3 },
        { token: coordinator.token },
      );
      expect(moved.status).toBe(200);
      expect(section(moved.body, 'new_concerns').map((i: any) => i.pseudonym)).toEqual([
        cases.school.pseudonym,
        cases.ngo.pseudonym,
        cases.police.pseudonym,
      ]);
      // A new, high-risk case arrives before the agenda is generated again.
      const fresh = await concern(socialWorker, 'Dag Nysak', 'high');
      const regenerated = await app.http.post(
        `/api/v1/meetings/${meeting.id}/agenda`,
        {},
        { token: coordinator.token },
      );
      expect(section(regenerated.body, 'new_concerns').map((i: any) => i.pseudonym)).toEqual([
        fresh.pseudonym,
        cases.school.pseudonym,
        cases.police.pseudonym,
        cases.ngo.pseudonym,
      ]);
      expect(section(regenerated.body, 'new_concerns').find((i: any) => i.id === policeItem.id).position).toBe(3);
      expect(section(regenerated.body, 'other').map((i: any) => i.title)).toEqual([
        'Summer activities for the older group',
      ]);
      // The overdue follow-up is done: it leaves the agenda at the next generation.
      await app.dataSource.query(`UPDATE follow_ups SET state = 'done' WHERE id = $1`, [overdueFollowUpId]);
      const again = await app.http.post(`/api/v1/meetings/${meeting.id}/agenda`, {}, { token: coordinator.token });
      expect(section(again.body, 'overdue_follow_ups')).toEqual([]);
      expect(section(again.body, 'new_concerns')).toHaveLength(4);
      await app.dataSource.query(`UPDATE follow_ups SET state = 'open' WHERE id = $1`, [overdueFollowUpId]);
    });

    it('refuses items about another district’s cases, and changes by participants', async () => {
      const elsewhere = await createDistrict(app.dataSource);
      const otherCoordinator = await signedIn(app.http, app.dataSource, {
        roles: ['coordinator'],
        districts: [elsewhere],
      });
      const stranger = await app.http.post(
        `/api/v1/meetings/${meeting.id}/agenda/items`,
        { title: 'x' },
        { token: otherCoordinator.token },
      );
      expect(stranger.status).toBe(404);
      const byMember = await app.http.post(`/api/v1/meetings/${meeting.id}/agenda`, {}, { token: policeMember.token });
      expect(byMember.status).toBe(403);
      const unknownConcern = await app.http.post(
        `/api/v1/meetings/${meeting.id}/agenda/items`,
        { title: 'x', concernId: '00000000-0000-4000-8000-000000000000' },
        { token: coordinator.token },
      );
      expect(unknownConcern.status).toBe(422);
      expect(unknownConcern.body.errors).toEqual([{ field: 'concernId', message: expect.any(String) }]);
    });

    it('prints a copy per reader: their identities only, and a footer naming them', async () => {
      const copy = async (reader: SignedIn) => {
        const response = await app.http.bytes(`/api/v1/meetings/${meeting.id}/agenda.pdf`, { token: reader.token });
        expect(response.status).toBe(200);
        expect(response.headers.get('content-type')).toBe('application/pdf');
        return (await pdfParse(response.body)).text;
      };
      const policeCopy = await copy(policeMember);
      const schoolCopy = await copy(schoolMember);
      for (const text of [policeCopy, schoolCopy]) {
        expect(text).toContain('SaLTo forum');
        expect(text).toContain('New concerns to refer');
        expect(text).toContain(cases.police.pseudonym);
        expect(text).toContain(cases.school.pseudonym);
        expect(text).not.toContain('Narrative about');
      }
      expect(policeCopy).toContain(cases.police.name);
      expect(policeCopy).not.toContain(cases.school.name);
      expect(schoolCopy).toContain(cases.school.name);
      expect(schoolCopy).not.toContain(cases.police.name);
      expect(policeCopy.replace(/\s+/g, ' ')).toContain(`rendered for Petter Police (${police.name})`);
      expect(schoolCopy.replace(/\s+/g, ' ')).toContain(`rendered for Sara School (${school.name})`);
      const exported = await app.dataSource.query(
        `SELECT count(*)::int AS n FROM audit_events WHERE action = 'meeting.agenda_exported' AND resource_id = $1`,
        [meeting.id],
      );
      expect(exported[0].n).toBe(2);
    });

    it('sends an iCalendar invitation in the meeting’s zone, with no subject in it', async () => {
      const response = await app.http.bytes(`/api/v1/meetings/${meeting.id}/meeting.ics`, {
        token: schoolMember.token,
      });
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toContain('text/calendar');
      const text = response.body.toString('utf8');
      const events = Object.values(ical.sync.parseICS(text)).filter((c: any) => c.type === 'VEVENT') as any[];
      expect(events).toHaveLength(1);
      // iCalendar times have whole seconds.
      expect(Math.floor(events[0].start.getTime() / 1000)).toBe(Math.floor(Date.parse(meeting.startsAt) / 1000));
      expect(events[0].start.tz).toBe('Europe/Oslo');
      expect(events[0].end.getTime() - events[0].start.getTime()).toBe(120 * 60_000);
      expect(events[0].summary).toContain(district.name);
      expect(events[0].location).toBe('Town hall, room 4');
      expect(text).toMatch(/BEGIN:VTIMEZONE\r\nTZID:Europe\/Oslo/);
      expect(text).toMatch(/DTSTAMP:\d{8}T\d{6}Z/);
      for (const c of Object.values(cases)) {
        expect(text).not.toContain(c.name);
        expect(text).not.toContain(c.pseudonym);
      }
      const audited = await app.dataSource.query(
        `SELECT count(*)::int AS n FROM audit_events WHERE action = 'meeting.calendar_exported' AND actor_id = $1`,
        [schoolMember.user.id],
      );
      expect(audited[0].n).toBe(1);
    });

    it('refuses minutes before the meeting has started', async () => {
      const early = await app.http.post(
        `/api/v1/meetings/${meeting.id}/minutes`,
        { items: [{ decision: 'Too early', actions: [] }] },
        { token: coordinator.token },
      );
      expect(early.status).toBe(409);
    });
  });

  describe('once the meeting has started', () => {
    let meeting: any;
    let items: any;

    beforeAll(async () => {
      meeting = await arrange(at(1 * DAY), [policeMember, schoolMember, ngoMember]);
      const generated = await app.http.post(`/api/v1/meetings/${meeting.id}/agenda`, {}, { token: coordinator.token });
      items = generated.body;
      clock.advance(1 * DAY + 60_000);
    });

    it('freezes the agenda: later changes to a case do not alter it, and it can no longer be edited', async () => {
      const before = await agendaOf(meeting.id, coordinator);
      expect(before.frozenAt).not.toBeNull();
      const current = await app.http.get(`/api/v1/concerns/${cases.school.concernId}`, { token: socialWorker.token });
      const changed = await app.http.patch(
        `/api/v1/concerns/${cases.school.concernId}`,
        { riskLevel: 'high', version: current.body.version },
        { token: socialWorker.token },
      );
      expect(changed.status).toBe(200);
      const after = await agendaOf(meeting.id, coordinator);
      expect(after).toEqual(before);
      expect(
        section(after, 'new_concerns').find((i: any) => i.pseudonym === cases.school.pseudonym).concern.riskLevel,
      ).toBe('moderate');
      expect(
        (await app.http.post(`/api/v1/meetings/${meeting.id}/agenda`, {}, { token: coordinator.token })).status,
      ).toBe(409);
      const item = section(after, 'new_concerns')[0];
      const move = await app.http.patch(
        `/api/v1/meetings/${meeting.id}/agenda/items/${item.id}`,
        { position: 2 },
        { token: coordinator.token },
      );
      expect(move.status).toBe(409);
      const moveMeeting = await app.http.patch(
        `/api/v1/meetings/${meeting.id}`,
        { startsAt: at(DAY), version: meeting.version },
        { token: coordinator.token },
      );
      expect(moveMeeting.status).toBe(409);
    });

    it('records decisions, attendance and action items; each action item is its owner’s follow-up at once', async () => {
      const policeItem = section(items, 'new_concerns').find((i: any) => i.pseudonym === cases.police.pseudonym);
      // This meeting comes before the first one: the school's review is due after that, not before it.
      expect(section(items, 'referrals_due')).toEqual([]);
      const schoolFollowUpItem = section(items, 'overdue_follow_ups')[0];
      const recorded = await app.http.post(
        `/api/v1/meetings/${meeting.id}/minutes`,
        {
          attendeeIds: [policeMember.user.id, schoolMember.user.id],
          items: [
            {
              agendaItemId: policeItem.id,
              decision: 'Police follow up with the family.',
              actions: [{ ownerId: policeMember.user.id, text: 'Home visit', dueAt: at(7 * DAY) }],
            },
            {
              agendaItemId: schoolFollowUpItem.id,
              decision: 'School reports back next month.',
              actions: [{ ownerId: schoolMember.user.id, text: 'Report on attendance', dueAt: at(14 * DAY) }],
            },
          ],
        },
        { token: ngoMember.token },
      );
      expect(recorded.status).toBe(201);
      expect(recorded.body.items).toHaveLength(2);
      const followUps = await app.dataSource.query(
        `SELECT f.owner_id, f.kind, f.text, f.referral_id, f.district_id FROM follow_ups f
           JOIN meeting_minutes m ON m.id = f.minute_id WHERE m.meeting_id = $1 ORDER BY f.text`,
        [meeting.id],
      );
      expect(followUps).toEqual([
        {
          owner_id: policeMember.user.id,
          kind: 'action_item',
          text: 'Home visit',
          referral_id: null,
          district_id: district.id,
        },
        {
          owner_id: schoolMember.user.id,
          kind: 'action_item',
          text: 'Report on attendance',
          referral_id: cases.school.referralId,
          district_id: district.id,
        },
      ]);
      const mine = await app.http.get('/api/v1/follow-ups?state=open', { token: policeMember.token });
      expect(mine.body.items.map((f: any) => f.text)).toContain('Home visit');
      expect(recorded.body.attendance.filter((a: any) => a.attended).map((a: any) => a.name)).toEqual([
        'Petter Police',
        'Sara School',
      ]);
      expect(recorded.body.attendance.find((a: any) => a.name === 'Nina Mentor').attended).toBe(false);
    });

    it('shows the minutes to participants only, each decision’s case redacted like their agenda', async () => {
      const read = async (reader: SignedIn) =>
        app.http.get(`/api/v1/meetings/${meeting.id}/minutes`, { token: reader.token });
      const policeView = (await read(policeMember)).body;
      const schoolView = (await read(schoolMember)).body;
      const item = (view: any) =>
        view.items.find((m: any) => m.agendaItem?.pseudonym === cases.police.pseudonym).agendaItem;
      expect(item(policeView)).toMatchObject({ identified: true, subject: { fullName: cases.police.name } });
      expect(item(schoolView).identified).toBe(false);
      expect(JSON.stringify(schoolView)).not.toContain(cases.police.name);
      expect(schoolView.items[0].actions[0]).toMatchObject({ text: 'Home visit', owner: { name: 'Petter Police' } });
      expect((await read(outsider)).status).toBe(404);
      const audited = await app.dataSource.query(
        `SELECT count(*)::int AS n FROM audit_events WHERE action = 'meeting.minutes_viewed' AND resource_type = 'Meeting'`,
      );
      expect(audited[0].n).toBeGreaterThanOrEqual(2);
    });

    it('refuses minutes that name owners outside the meeting, foreign agenda items or past dates, writing nothing', async () => {
      const before = await app.dataSource.query('SELECT count(*)::int AS n FROM follow_ups');
      const refused = await app.http.post(
        `/api/v1/meetings/${meeting.id}/minutes`,
        {
          attendeeIds: [outsider.user.id],
          items: [
            {
              agendaItemId: '00000000-0000-4000-8000-000000000000',
              decision: 'x',
              actions: [
                { ownerId: outsider.user.id, text: 'x', dueAt: at(DAY) },
                { ownerId: policeMember.user.id, text: 'x', dueAt: at(-DAY) },
              ],
            },
          ],
        },
        { token: coordinator.token },
      );
      expect(refused.status).toBe(422);
      expect(refused.body.errors.map((e: any) => e.field)).toEqual([
        'items[0].agendaItemId',
        'items[0].actions[0].ownerId',
        'items[0].actions[1].dueAt',
        'attendeeIds[0]',
      ]);
      expect(await app.dataSource.query('SELECT count(*)::int AS n FROM follow_ups')).toEqual(before);
      const malformed = await app.http.post(
        `/api/v1/meetings/${meeting.id}/minutes`,
        { items: [] },
        { token: coordinator.token },
      );
      expect(malformed.status).toBe(400);
      const byPoliceReporter = await app.http.post(
        `/api/v1/meetings/${meeting.id}/minutes`,
        { items: [{ decision: 'x', actions: [] }] },
        { token: policeReporter.token },
      );
      expect(byPoliceReporter.status).toBe(403);
    });
  });
});

describe('meetings in the worker', () => {
  let app: TestApp;
  let worker: INestApplicationContext;
  let district: District;
  let coordinator: SignedIn;
  let member: SignedIn;

  beforeAll(async () => {
    app = await startTestApp({ AGENDA_LEAD_DAYS: '5', MEETINGS_SWEEP_EVERY_MS: '3600000' });
    worker = await startTestWorker();
    district = await createDistrict(app.dataSource);
    coordinator = await signedIn(app.http, app.dataSource, { roles: ['coordinator'], districts: [district] });
    member = await signedIn(app.http, app.dataSource, { roles: ['forum_member'], districts: [district] });
  });
  afterAll(async () => {
    await worker.close();
    await app.close();
  });

  const meetingRow = (id: string) =>
    app.dataSource
      .query('SELECT agenda_generated_at, agenda_frozen_at FROM meetings WHERE id = $1', [id])
      .then((r) => r[0]);

  it('generates the agenda once the meeting is within the lead time: when created, or when moved there', async () => {
    const far = await app.http.post(
      '/api/v1/meetings',
      {
        districtId: district.id,
        kind: 'forum',
        startsAt: new Date(Date.now() + 30 * DAY).toISOString(),
        participantIds: [member.user.id],
      },
      { token: coordinator.token },
    );
    const near = await app.http.post(
      '/api/v1/meetings',
      {
        districtId: district.id,
        kind: 'case_conference',
        startsAt: new Date(Date.now() + 2 * DAY).toISOString(),
        participantIds: [member.user.id],
      },
      { token: coordinator.token },
    );
    const generated = await eventually(
      () => meetingRow(near.body.id),
      (row) => row.agenda_generated_at !== null,
    );
    expect(generated.agenda_generated_at).not.toBeNull();
    expect((await meetingRow(far.body.id)).agenda_generated_at).toBeNull();
    const moved = await app.http.patch(
      `/api/v1/meetings/${far.body.id}`,
      { startsAt: new Date(Date.now() + 3 * DAY).toISOString(), version: far.body.version },
      { token: coordinator.token },
    );
    expect(moved.status).toBe(200);
    const movedRow = await eventually(
      () => meetingRow(far.body.id),
      (row) => row.agenda_generated_at !== null,
    );
    expect(movedRow.agenda_generated_at).not.toBeNull();
    const stale = await app.http.patch(
      `/api/v1/meetings/${far.body.id}`,
      { location: 'Elsewhere', version: far.body.version },
      { token: coordinator.token },
    );
    expect(stale.status).toBe(409);
  });

  it('puts back the agenda jobs Redis lost, from PostgreSQL', async () => {
    const later = await app.http.post(
      '/api/v1/meetings',
      {
        districtId: district.id,
        kind: 'forum',
        startsAt: new Date(Date.now() + 40 * DAY).toISOString(),
        participantIds: [member.user.id],
      },
      { token: coordinator.token },
    );
    const queue = worker.get<Queue>(getQueueToken(QUEUES.meetings));
    const jobId = agendaStepJobId({ meetingId: later.body.id, startsAt: later.body.startsAt, step: 'generate' });
    expect(await queue.getJob(jobId)).toBeDefined();
    await queue.remove(jobId);
    await queue.remove(agendaStepJobId({ meetingId: later.body.id, startsAt: later.body.startsAt, step: 'freeze' }));
    expect(await queue.getJob(jobId)).toBeUndefined();
    await worker.get(MeetingsSweep).run();
    const restored = await queue.getJob(jobId);
    expect(restored?.data).toEqual({ meetingId: later.body.id, startsAt: later.body.startsAt, step: 'generate' });
    expect(restored!.opts.delay).toBeGreaterThan(34 * DAY);
  });

  it('freezes the agenda at the start', async () => {
    const soon = await app.http.post(
      '/api/v1/meetings',
      {
        districtId: district.id,
        kind: 'forum',
        startsAt: new Date(Date.now() + 1500).toISOString(),
        participantIds: [member.user.id],
      },
      { token: coordinator.token },
    );
    const row = await eventually(
      () => meetingRow(soon.body.id),
      (r) => r.agenda_frozen_at !== null,
    );
    expect(row.agenda_frozen_at).not.toBeNull();
    expect(new Date(row.agenda_frozen_at).getTime()).toBeGreaterThanOrEqual(new Date(soon.body.startsAt).getTime());
  });

  it('creates a series’ forums six months ahead at the rule’s local time across daylight saving, once', async () => {
    const created = await app.http.post(
      '/api/v1/forum-series',
      { districtId: district.id, rule: 'first Tuesday 14:00', participantIds: [member.user.id] },
      { token: coordinator.token },
    );
    expect(created.status).toBe(201);
    expect(created.body.timeZone).toBe('Europe/Oslo');
    const expected = created.body.upcoming as string[];
    expect(expected.length).toBeGreaterThanOrEqual(5);
    const ofSeries = () =>
      app.dataSource.query(
        `SELECT starts_at, series_date::text FROM meetings WHERE series_id = $1 ORDER BY starts_at`,
        [created.body.id],
      );
    const meetings = await eventually(ofSeries, (rows) => rows.length === expected.length);
    expect(meetings.map((m: any) => m.starts_at.toISOString())).toEqual(expected);
    for (const meeting of meetings) {
      const local = DateTime.fromJSDate(meeting.starts_at, { zone: 'Europe/Oslo' });
      expect([local.weekday, local.hour, local.minute, local.day <= 7]).toEqual([2, 14, 0, true]);
      expect(local.toISODate()).toBe(meeting.series_date);
    }
    // Winter and summer time both occur in any six-month window that holds a clock change.
    const offsets = new Set(meetings.map((m: any) => DateTime.fromJSDate(m.starts_at, { zone: 'Europe/Oslo' }).offset));
    expect(offsets.size).toBe(new Set(expected.map((s) => DateTime.fromISO(s, { zone: 'Europe/Oslo' }).offset)).size);
    // The sweep runs again (as it does every hour): nothing is created twice.
    await worker.get(MeetingsSweep).run();
    expect(await ofSeries()).toHaveLength(expected.length);
  });
});
