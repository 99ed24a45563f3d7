import { getQueueToken } from '@nestjs/bullmq';
import { INestApplicationContext } from '@nestjs/common';
import { Queue } from 'bullmq';
import { DateTime } from 'luxon';
import * as ical from 'node-ical';
import { Agency } from '../../src/agencies/agency.entity';
import { Clock } from '../../src/clock/clock';
import { District } from '../../src/districts/district.entity';
import { MeetingsSweep } from '../../src/meetings/meetings-sweep.service';
import { agendaStepJobId, QUEUES } from '../../src/queue/queues';
import { arrangeMeeting, createReferral, postMeeting, recordConsent } from '../support/case-flows';
import { createAgency, createDistrict, createFollowUpRecord, signedIn } from '../support/factories';
import { eventually } from '../support/eventually';
import { startTestApp, TestApp } from '../support/test-app';
import { startTestWorker } from '../support/test-worker';
// pdf-parse's index runs a self-test when required directly; its library file does not.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const pdfParse: (data: Buffer) => Promise<{ text: string }> = require('pdf-parse/lib/pdf-parse.js');

type SignedIn = Awaited<ReturnType<typeof signedIn>>;
const DAY = 24 * 3_600_000;

describe('forum meetings: agendas, redaction, minutes', () => {
  let app: TestApp;
  let clock: Clock;
  let district: District;
  let police: Agency;
  let health: Agency;
  let school: Agency;
  let ngo: Agency;
  let coordinator: SignedIn;
  let policeReporter: SignedIn;
  let healthReporter: SignedIn;
  let socialWorker: SignedIn;
  let policeMember: SignedIn;
  let healthMember: SignedIn;
  let schoolMember: SignedIn;
  let ngoMember: SignedIn;
  let outsider: SignedIn;
  /**
   * Four cases, each of which one participant's agency may know of: the police's and the health
   * centre's own (restricted), one referred to the school by statute, one to the NGO on consent.
   */
  const cases: Record<
    'police' | 'health' | 'school' | 'ngo',
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

  const refer = async (concernId: string, toAgencyId: string, reviewDate: string, consentId?: string) =>
    (await createReferral(app.http, coordinator, { concernId, toAgencyId, reviewDate, consentId })).id as string;

  const arrange = (
    startsAt: string,
    participants: SignedIn[] = [policeMember, healthMember, schoolMember, ngoMember],
  ) =>
    arrangeMeeting(app.http, coordinator, {
      districtId: district.id,
      startsAt,
      participantIds: participants.map((p) => p.user.id),
      location: 'Town hall, room 4',
    });

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
    health = await createAgency(app.dataSource, { kind: 'health', name: 'Grorud Health Centre' });
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
    healthReporter = await signedIn(app.http, app.dataSource, {
      roles: ['reporter'],
      agency: health,
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
    healthMember = await member(health, 'Hanne Health');
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
      DateTime.now().plus({ days: 10 }).toISODate(),
    );
    const consent = await recordConsent(app.http, coordinator, {
      subjectId: cases.ngo.subjectId,
      guardianName: 'A Parent',
      agencyIds: [ngo.id],
      purpose: 'Mentoring',
    });
    // Reviewed long after the next forum: not on this agenda.
    cases.ngo.referralId = await refer(
      cases.ngo.concernId,
      ngo.id,
      DateTime.now().plus({ days: 200 }).toISODate(),
      consent.id,
    );
    cases.health = await concern(healthReporter, 'Helga Helsesak', 'moderate');
    const overdue = await createFollowUpRecord(app.dataSource, {
      referralId: cases.school.referralId,
      owner: socialWorker.user,
      createdBy: coordinator.user,
      districtId: district.id,
      text: 'Call the school',
      dueAt: new Date(Date.now() - 2 * DAY),
      remindAt: new Date(Date.now() - 3 * DAY),
    });
    overdueFollowUpId = overdue.id;
  });
  afterAll(() => app.close());

  describe('the agenda', () => {
    let meeting: any;
    beforeAll(async () => {
      meeting = await arrange(at(3 * DAY));
    });

    it('shows the meeting in the district’s time zone', () => {
      expect(meeting.timeZone).toBe('Europe/Oslo');
      expect(DateTime.fromISO(meeting.localStartsAt).toMillis()).toBe(new Date(meeting.startsAt).getTime());
      expect(meeting.localStartsAt).toMatch(/\+0[12]:00$/);
      expect(meeting.participants.map((p: any) => p.name)).toEqual([
        'Hanne Health',
        'Nina Mentor',
        'Petter Police',
        'Sara School',
      ]);
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
        cases.health.pseudonym,
        cases.ngo.pseudonym,
      ]);
      expect(section(generated.body, 'new_concerns').map((i: any) => i.concern.riskLevel)).toEqual([
        'high',
        'moderate',
        'moderate',
        'low',
      ]);
      expect(section(generated.body, 'referrals_due').map((i: any) => i.referral.id)).toEqual([
        cases.school.referralId,
      ]);
      expect(section(generated.body, 'overdue_follow_ups').map((i: any) => i.followUp.id)).toEqual([overdueFollowUpId]);
      expect(section(generated.body, 'other')).toEqual([]);
    });

    it('shows each participant only the cases they may know exist: their agency’s own, and those shared with it', async () => {
      const viewOf = async (reader: SignedIn) => {
        const agenda = await agendaOf(meeting.id, reader);
        const text = JSON.stringify(agenda);
        return {
          newConcerns: section(agenda, 'new_concerns').map((i: any) => [i.position, i.pseudonym, i.identified]),
          referralsDue: section(agenda, 'referrals_due').map((i: any) => i.referral.id),
          overdueFollowUps: section(agenda, 'overdue_follow_ups').map((i: any) => i.followUp.id),
          // Nothing of another case may show: not its pseudonym, its name, or the agency that holds it.
          mentions: Object.entries(cases)
            .filter(([, c]) => text.includes(c.pseudonym) || text.includes(c.name))
            .map(([key]) => key),
          restrictedOwners: [police.name, health.name].filter((name) => text.includes(name)),
        };
      };
      const views = {
        police: await viewOf(policeMember),
        health: await viewOf(healthMember),
        school: await viewOf(schoolMember),
        ngo: await viewOf(ngoMember),
        coordinator: await viewOf(coordinator),
      };
      expect(views).toEqual({
        // Each restricted concern is its own agency's alone (DESIGN rule 3), numbered from 1: no gap shows it.
        police: {
          newConcerns: [[1, cases.police.pseudonym, true]],
          referralsDue: [],
          overdueFollowUps: [],
          mentions: ['police'],
          restrictedOwners: [police.name],
        },
        health: {
          newConcerns: [[1, cases.health.pseudonym, true]],
          referralsDue: [],
          overdueFollowUps: [],
          mentions: ['health'],
          restrictedOwners: [health.name],
        },
        // The school knows its case through a referral by statute: the concern, the referral and its follow-up.
        school: {
          newConcerns: [[1, cases.school.pseudonym, true]],
          referralsDue: [cases.school.referralId],
          overdueFollowUps: [overdueFollowUpId],
          mentions: ['school'],
          restrictedOwners: [],
        },
        // The NGO sees what consent shares with it (rule 5), nothing else.
        ngo: {
          newConcerns: [[1, cases.ngo.pseudonym, true]],
          referralsDue: [],
          overdueFollowUps: [],
          mentions: ['ngo'],
          restrictedOwners: [],
        },
        // The district's coordinators see every case: the restricted ones as a stub, by pseudonym.
        coordinator: {
          newConcerns: [
            [1, cases.police.pseudonym, false],
            [2, cases.school.pseudonym, true],
            [3, cases.health.pseudonym, false],
            [4, cases.ngo.pseudonym, true],
          ],
          referralsDue: [cases.school.referralId],
          overdueFollowUps: [overdueFollowUpId],
          mentions: ['police', 'school', 'ngo', 'health'],
          restrictedOwners: [police.name, health.name],
        },
      });
      // The coordinator's stubs name nobody.
      const coordinatorText = JSON.stringify(await agendaOf(meeting.id, coordinator));
      expect(coordinatorText).not.toContain(cases.police.name);
      expect(coordinatorText).not.toContain(cases.health.name);
      expect(coordinatorText).not.toContain('Narrative about');
    });

    it('audits every view: the meeting, and each subject shown with whether the reader saw who it is', async () => {
      await agendaOf(meeting.id, schoolMember);
      const rows = await app.dataSource.query(
        `SELECT resource_type, subject_id, details->>'view' AS view FROM audit_events
          WHERE actor_id = $1 AND action = 'agenda.read' ORDER BY id`,
        [schoolMember.user.id],
      );
      expect(rows.filter((r: any) => r.resource_type === 'agenda').length).toBeGreaterThanOrEqual(2);
      const ofSchoolCase = rows.filter((r: any) => r.subject_id === cases.school.subjectId).map((r: any) => r.view);
      const ofOtherCases = rows.filter((r: any) =>
        [cases.police, cases.health, cases.ngo].some((c) => c.subjectId === r.subject_id),
      );
      expect(new Set(ofSchoolCase)).toEqual(new Set(['identity']));
      // A case the reader was not shown is not recorded as seen.
      expect(ofOtherCases).toEqual([]);
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
        cases.health.pseudonym,
        cases.police.pseudonym,
        cases.ngo.pseudonym,
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
        cases.health.pseudonym,
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
      expect(section(again.body, 'new_concerns')).toHaveLength(5);
      await app.dataSource.query(`UPDATE follow_ups SET state = 'open' WHERE id = $1`, [overdueFollowUpId]);
    });

    it('shows an item added by hand about a case only to those who may know the case; one about none to all', async () => {
      const added = await app.http.post(
        `/api/v1/meetings/${meeting.id}/agenda/items`,
        { title: 'Agree who calls the GP', concernId: cases.health.concernId },
        { token: coordinator.token },
      );
      expect(added.status).toBe(201);
      const others = async (reader: SignedIn) =>
        section(await agendaOf(meeting.id, reader), 'other').map((i: any) => [i.position, i.title]);
      // The case's risk puts it before the note; a reader who may not know the case sees the note first.
      expect(await others(coordinator)).toEqual([
        [1, 'Agree who calls the GP'],
        [2, 'Summer activities for the older group'],
      ]);
      expect(await others(healthMember)).toEqual([
        [1, 'Agree who calls the GP'],
        [2, 'Summer activities for the older group'],
      ]);
      for (const reader of [policeMember, schoolMember, ngoMember])
        expect(await others(reader)).toEqual([[1, 'Summer activities for the older group']]);
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

    it('prints a copy per reader with the reader’s view: only their cases, their identities, a footer naming them', async () => {
      const copy = async (reader: SignedIn) => {
        const response = await app.http.bytes(`/api/v1/meetings/${meeting.id}/agenda.pdf`, { token: reader.token });
        expect(response.status).toBe(200);
        expect(response.headers.get('content-type')).toBe('application/pdf');
        return (await pdfParse(response.body)).text;
      };
      // Each copy is in its reader's language: these readers read English.
      for (const reader of [policeMember, healthMember, schoolMember, ngoMember]) {
        expect((await app.http.patch('/api/v1/me', { locale: 'en' }, { token: reader.token })).status).toBe(200);
      }
      const copies = {
        police: await copy(policeMember),
        health: await copy(healthMember),
        school: await copy(schoolMember),
        ngo: await copy(ngoMember),
      };
      for (const [reader, text] of Object.entries(copies)) {
        expect(text).toContain('SaLTo forum');
        expect(text).toContain('New concerns to refer');
        expect(text).not.toContain('Narrative about');
        // Its own case, named; no other case, not even by pseudonym or the agency that logged it.
        for (const [key, c] of Object.entries(cases)) {
          expect([reader, key, text.includes(c.pseudonym), text.includes(c.name)]).toEqual([
            reader,
            key,
            key === reader,
            key === reader,
          ]);
        }
        expect([reader, text.includes(`by ${police.name}`)]).toEqual([reader, reader === 'police']);
        expect([reader, text.includes(`by ${health.name}`)]).toEqual([reader, reader === 'health']);
        expect([reader, text.includes('Agree who calls the GP')]).toEqual([reader, reader === 'health']);
        expect(text).toContain('Summer activities for the older group');
      }
      // Numbered from 1 in each reader's copy: no gap where a hidden item stands.
      expect(copies.school).toContain(`1. ${cases.school.pseudonym}`);
      expect(copies.ngo).toContain(`1. ${cases.ngo.pseudonym}`);
      expect(copies.police.replace(/\s+/g, ' ')).toContain(`rendered for Petter Police (${police.name})`);
      expect(copies.school.replace(/\s+/g, ' ')).toContain(`rendered for Sara School (${school.name})`);
      // The school's reader switches to Finnish: the same copy, every word of it in Finnish.
      await app.http.patch('/api/v1/me', { locale: 'fi' }, { token: schoolMember.token });
      const finnish = (await copy(schoolMember)).replace(/\s+/g, ' ');
      expect(finnish).toContain(`LUOTTAMUKSELLINEN — tulostettu: Sara School (${school.name})`);
      expect(finnish).toContain('Uudet huoli-ilmoitukset ohjattaviksi');
      expect(finnish).toContain(`1. ${cases.school.pseudonym}`);
      expect(finnish).not.toContain('New concerns to refer');
      await app.http.patch('/api/v1/me', { locale: 'en' }, { token: schoolMember.token });
      const coordinatorCopy = await copy(coordinator);
      for (const c of Object.values(cases)) expect(coordinatorCopy).toContain(c.pseudonym);
      expect(coordinatorCopy).not.toContain(cases.police.name);
      const exported = await app.dataSource.query(
        `SELECT count(*)::int AS n FROM audit_events WHERE action = 'agenda.export' AND resource_id = $1`,
        [meeting.id],
      );
      // Four readers, the school's again in Finnish, and the coordinator.
      expect(exported[0].n).toBe(6);
    });

    it('takes a case off the NGO’s agenda, not just its name, when the consent its referral rests on is withdrawn', async () => {
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
      expect(section(agenda, 'new_concerns')).toEqual([]);
      expect(JSON.stringify(agenda)).not.toContain(cases.ngo.pseudonym);
      const pdf = await app.http.bytes(`/api/v1/meetings/${meeting.id}/agenda.pdf`, { token: ngoMember.token });
      expect((await pdfParse(pdf.body)).text).not.toContain(cases.ngo.pseudonym);
      // The coordinator still has the case before them.
      expect(section(await agendaOf(meeting.id, coordinator), 'new_concerns').map((i: any) => i.pseudonym)).toContain(
        cases.ngo.pseudonym,
      );
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
      // In the reader's language: this reader reads English.
      expect(events[0].summary).toContain('SaLTo forum');
      expect(events[0].location).toBe('Town hall, room 4');
      expect(text).toMatch(/BEGIN:VTIMEZONE\r\nTZID:Europe\/Oslo/);
      expect(text).toMatch(/DTSTAMP:\d{8}T\d{6}Z/);
      for (const c of Object.values(cases)) {
        expect(text).not.toContain(c.name);
        expect(text).not.toContain(c.pseudonym);
      }
      // The same invitation for a reader who reads Danish.
      await app.http.patch('/api/v1/me', { locale: 'da' }, { token: schoolMember.token });
      const danish = await app.http.bytes(`/api/v1/meetings/${meeting.id}/meeting.ics`, { token: schoolMember.token });
      const [danishEvent] = Object.values(ical.sync.parseICS(danish.body.toString('utf8'))).filter(
        (c: any) => c.type === 'VEVENT',
      ) as any[];
      expect(danishEvent.summary).toBe(`SSP-forum — ${district.name}`);
      expect(danishEvent.description).toContain('Dagsordenen findes i Samvirke');
      await app.http.patch('/api/v1/me', { locale: 'en' }, { token: schoolMember.token });
      const audited = await app.dataSource.query(
        `SELECT count(*)::int AS n FROM audit_events WHERE action = 'meeting.export' AND actor_id = $1`,
        [schoolMember.user.id],
      );
      expect(audited[0].n).toBe(2);
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
      meeting = await arrange(at(1 * DAY));
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
            { decision: 'The next forum meets in the library.', actions: [] },
          ],
        },
        { token: coordinator.token },
      );
      expect(recorded.status).toBe(201);
      expect(recorded.body.items).toHaveLength(3);
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

    it('shows each participant the decisions on the items of their agenda, and those on no item; no others', async () => {
      const read = async (reader: SignedIn) =>
        app.http.get(`/api/v1/meetings/${meeting.id}/minutes`, { token: reader.token });
      const views = {
        police: (await read(policeMember)).body,
        health: (await read(healthMember)).body,
        school: (await read(schoolMember)).body,
        ngo: (await read(ngoMember)).body,
        coordinator: (await read(coordinator)).body,
      };
      const decisions = (view: any) => view.items.map((m: any) => m.decision);
      expect(Object.fromEntries(Object.entries(views).map(([reader, view]) => [reader, decisions(view)]))).toEqual({
        police: ['Police follow up with the family.', 'The next forum meets in the library.'],
        health: ['The next forum meets in the library.'],
        school: ['School reports back next month.', 'The next forum meets in the library.'],
        ngo: ['The next forum meets in the library.'],
        coordinator: [
          'Police follow up with the family.',
          'School reports back next month.',
          'The next forum meets in the library.',
        ],
      });
      const policeMinute = views.police.items[0];
      expect(policeMinute.agendaItem).toMatchObject({
        pseudonym: cases.police.pseudonym,
        identified: true,
        subject: { fullName: cases.police.name },
      });
      expect(policeMinute.actions).toEqual([expect.objectContaining({ text: 'Home visit' })]);
      expect(views.coordinator.items[0].agendaItem).toMatchObject({
        pseudonym: cases.police.pseudonym,
        identified: false,
      });
      expect(views.school.items[0].actions[0]).toMatchObject({
        text: 'Report on attendance',
        owner: { name: 'Sara School' },
      });
      // The police's decision, its action and its case are absent for everyone else: not redacted, absent.
      for (const view of [views.health, views.school, views.ngo]) {
        const text = JSON.stringify(view);
        for (const word of [cases.police.pseudonym, cases.police.name, 'Police follow up', 'Home visit'])
          expect(text).not.toContain(word);
      }
      expect((await read(outsider)).status).toBe(404);
      const audited = await app.dataSource.query(
        `SELECT count(*)::int AS n FROM audit_events WHERE action = 'minutes.read' AND resource_type = 'minutes'`,
      );
      expect(audited[0].n).toBeGreaterThanOrEqual(5);
    });

    it('refuses a decision on an item the recorder’s agenda does not show, as if there were no such item', async () => {
      const policeItem = section(items, 'new_concerns').find((i: any) => i.pseudonym === cases.police.pseudonym);
      const attempt = (agendaItemId: string) =>
        app.http.post(
          `/api/v1/meetings/${meeting.id}/minutes`,
          { items: [{ agendaItemId, decision: 'Close the police case', actions: [] }] },
          { token: ngoMember.token },
        );
      const hidden = await attempt(policeItem.id);
      const unknown = await attempt('00000000-0000-4000-8000-000000000000');
      expect(hidden.status).toBe(422);
      expect(hidden.body.errors).toEqual(unknown.body.errors);
      const written = await app.dataSource.query(
        `SELECT count(*)::int AS n FROM meeting_minutes WHERE meeting_id = $1 AND decision = 'Close the police case'`,
        [meeting.id],
      );
      expect(written[0].n).toBe(0);
    });

    it('records a decision once when two participants record it at the same moment: one 201, one 409, no 500', async () => {
      // A meeting of its own that has just begun: the first minutes also freeze its agenda.
      const fresh = await arrange(at(60_000));
      const added = await app.http.post(
        `/api/v1/meetings/${fresh.id}/agenda/items`,
        { title: 'Summer camp places' },
        { token: coordinator.token },
      );
      expect(added.status).toBe(201);
      const campItem = section(added.body, 'other')[0];
      clock.advance(2 * 60_000);
      const healthItem = section(items, 'new_concerns').find((i: any) => i.pseudonym === cases.health.pseudonym);
      const decide = (meetingId: string, reader: SignedIn, decision: string, agendaItemId?: string) =>
        app.http.post(
          `/api/v1/meetings/${meetingId}/minutes`,
          {
            items: [
              {
                ...(agendaItemId ? { agendaItemId } : {}),
                decision,
                actions: [{ ownerId: reader.user.id, text: `Act on: ${decision}`, dueAt: at(7 * DAY) }],
              },
            ],
          },
          { token: reader.token },
        );
      const minutesWhere = (meetingId: string, condition: string, value: string) =>
        app.dataSource.query(
          `SELECT (SELECT count(*)::int FROM follow_ups f WHERE f.minute_id = m.id) AS actions
             FROM meeting_minutes m WHERE m.meeting_id = $1 AND ${condition} = $2`,
          [meetingId, value],
        );
      const once = async (answers: { status: number; headers: Headers }[], recorded: Promise<unknown[]>) => {
        expect(answers.map((r) => r.status).sort()).toEqual([201, 409]);
        expect(answers.find((r) => r.status === 409)!.headers.get('content-type')).toContain(
          'application/problem+json',
        );
        // One decision, with the winner's one action item: nothing of the other request was written.
        expect(await recorded).toEqual([{ actions: 1 }]);
      };
      // Two different decisions on one item: the first to commit is the meeting's; the other is told.
      await once(
        await Promise.all([
          decide(fresh.id, policeMember, 'Two places for the police case.', campItem.id),
          decide(fresh.id, schoolMember, 'Three places for the school.', campItem.id),
        ]),
        minutesWhere(fresh.id, 'm.agenda_item_id', campItem.id),
      );
      await once(
        await Promise.all([
          decide(meeting.id, healthMember, 'Health centre keeps the case.', healthItem.id),
          decide(meeting.id, coordinator, 'Refer to child welfare.', healthItem.id),
        ]),
        minutesWhere(meeting.id, 'm.agenda_item_id', healthItem.id),
      );
      // The same decision on no item, pressed twice at once, is recorded once; pressed again later, still once.
      for (let round = 0; round < 3; round++) {
        const decision = `Any other business, round ${round}.`;
        await once(
          await Promise.all([decide(fresh.id, policeMember, decision), decide(fresh.id, schoolMember, decision)]),
          minutesWhere(fresh.id, 'm.decision', decision),
        );
        expect((await decide(fresh.id, healthMember, decision)).status).toBe(409);
        expect(await minutesWhere(fresh.id, 'm.decision', decision)).toHaveLength(1);
      }
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

    it('keeps an action item on a restricted case to those who may know the case, at every later forum', async () => {
      // The police's action item has no referral: its case is the agenda item it was decided on.
      const overdueNow = async (text: string) => {
        await app.dataSource.query(`UPDATE follow_ups SET due_at = $2 WHERE text = $1`, [text, at(-DAY)]);
        const [row] = await app.dataSource.query('SELECT id FROM follow_ups WHERE text = $1', [text]);
        return row.id as string;
      };
      const overdueSeenBy = async (meetingId: string) => {
        const seen: Record<string, string[]> = {};
        for (const [reader, who] of Object.entries({
          police: policeMember,
          health: healthMember,
          school: schoolMember,
          ngo: ngoMember,
          coordinator,
        }))
          seen[reader] = section(await agendaOf(meetingId, who), 'overdue_follow_ups').map((i: any) => i.followUp.id);
        return seen;
      };
      const homeVisit = await overdueNow('Home visit');
      const next = await arrange(at(DAY));
      const generated = await app.http.post(`/api/v1/meetings/${next.id}/agenda`, {}, { token: coordinator.token });
      expect(generated.status).toBe(200);
      expect(await overdueSeenBy(next.id)).toEqual({
        police: [homeVisit],
        health: [],
        school: [overdueFollowUpId],
        ngo: [],
        coordinator: expect.arrayContaining([homeVisit, overdueFollowUpId]),
      });
      // Decided on again, its next action item follows the same case, one more step back.
      clock.advance(DAY + 60_000);
      const homeVisitItem = section(await agendaOf(next.id, coordinator), 'overdue_follow_ups').find(
        (i: any) => i.followUp.id === homeVisit,
      );
      const decided = await app.http.post(
        `/api/v1/meetings/${next.id}/minutes`,
        {
          items: [
            {
              agendaItemId: homeVisitItem.id,
              decision: 'Visit again.',
              actions: [{ ownerId: policeMember.user.id, text: 'Second home visit', dueAt: at(7 * DAY) }],
            },
          ],
        },
        { token: policeMember.token },
      );
      expect(decided.status).toBe(201);
      const secondVisit = await overdueNow('Second home visit');
      const later = await arrange(at(DAY));
      expect(
        (await app.http.post(`/api/v1/meetings/${later.id}/agenda`, {}, { token: coordinator.token })).status,
      ).toBe(200);
      const seen = await overdueSeenBy(later.id);
      expect(seen.police).toContain(secondVisit);
      expect(seen.coordinator).toContain(secondVisit);
      for (const reader of ['health', 'school', 'ngo'])
        expect([reader, seen[reader].includes(secondVisit) || seen[reader].includes(homeVisit)]).toEqual([
          reader,
          false,
        ]);
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

  /** A meeting `ms` from now, with the member invited. */
  const meetingIn = (ms: number, kind?: 'forum' | 'case_conference') =>
    postMeeting(app.http, coordinator, {
      districtId: district.id,
      kind,
      startsAt: new Date(Date.now() + ms).toISOString(),
      participantIds: [member.user.id],
    });

  const meetingRow = (id: string) =>
    app.dataSource
      .query('SELECT agenda_generated_at, agenda_frozen_at FROM meetings WHERE id = $1', [id])
      .then((r) => r[0]);

  it('generates the agenda once the meeting is within the lead time: when created, or when moved there', async () => {
    const far = await meetingIn(30 * DAY);
    const near = await meetingIn(2 * DAY, 'case_conference');
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
    const later = await meetingIn(40 * DAY);
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
    const soon = await meetingIn(1500);
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
