import { getQueueToken } from '@nestjs/bullmq';
import { INestApplicationContext } from '@nestjs/common';
import { Queue } from 'bullmq';
import { DateTime } from 'luxon';
import { District } from '../../src/districts/district.entity';
import { MeetingsSweep } from '../../src/meetings/meetings-sweep.service';
import { agendaStepJobId, QUEUES } from '../../src/queue/queues';
import { createDistrict, signedIn } from '../support/factories';
import { startTestApp, TestApp } from '../support/test-app';
import { startTestWorker } from '../support/test-worker';

type SignedIn = Awaited<ReturnType<typeof signedIn>>;
interface Row {
  id: string;
  starts_at: Date;
  series_date: string;
  location: string | null;
  duration_minutes: number;
  participants: string[];
}

describe('editing and ending a forum series', () => {
  let app: TestApp;
  let worker: INestApplicationContext;
  let district: District;
  let coordinator: SignedIn;
  let otherCoordinator: SignedIn;
  let first: SignedIn;
  let second: SignedIn;
  let seriesId: string;
  let past: Row;
  let minuted: Row;

  beforeAll(async () => {
    app = await startTestApp({ MEETINGS_SWEEP_EVERY_MS: '3600000' });
    worker = await startTestWorker();
    district = await createDistrict(app.dataSource);
    coordinator = await signedIn(app.http, app.dataSource, { roles: ['coordinator'], districts: [district] });
    otherCoordinator = await signedIn(app.http, app.dataSource, { roles: ['coordinator'] });
    first = await signedIn(app.http, app.dataSource, { roles: ['forum_member'], districts: [district] });
    second = await signedIn(app.http, app.dataSource, { roles: ['forum_member'], districts: [district] });
    const created = await app.http.post(
      '/api/v1/forum-series',
      { districtId: district.id, rule: 'first Tuesday 14:00', participantIds: [first.user.id], location: 'Room 1' },
      { token: coordinator.token },
    );
    expect(created.status).toBe(201);
    seriesId = created.body.id;
    await worker.get(MeetingsSweep).run();
    const rows = await meetingsOfSeries();
    expect(rows.length).toBeGreaterThanOrEqual(5);
    // One has been held (started, frozen, minutes); one still to come already has minutes (a case conference's early note).
    [past, minuted] = rows;
    await app.dataSource.query(
      `UPDATE meetings SET starts_at = now() - interval '1 day', agenda_frozen_at = now() - interval '1 day' WHERE id = $1`,
      [past.id],
    );
    for (const meeting of [past, minuted]) {
      await app.dataSource.query(
        `INSERT INTO meeting_minutes (meeting_id, decision, position, recorded_by_id) VALUES ($1, 'Agreed', 0, $2)`,
        [meeting.id, coordinator.user.id],
      );
    }
    [past, minuted] = (await meetingsOfSeries()).filter((row) => [past.id, minuted.id].includes(row.id));
  });
  afterAll(async () => {
    await worker.close();
    await app.close();
  });

  async function meetingsOfSeries(): Promise<Row[]> {
    return app.dataSource.query(
      `SELECT m.id, m.starts_at, m.series_date::text, m.location, m.duration_minutes,
              ARRAY(SELECT p.user_id::text FROM meeting_participants p WHERE p.meeting_id = m.id ORDER BY p.user_id) AS participants
         FROM meetings m WHERE m.series_id = $1 ORDER BY m.starts_at`,
      [seriesId],
    );
  }
  const edit = (body: unknown, who: SignedIn = coordinator) =>
    app.http.patch(`/api/v1/forum-series/${seriesId}`, body, { token: who.token });
  const untouched = async () => {
    const rows = await meetingsOfSeries();
    expect(rows.find((row) => row.id === past.id)).toEqual(past);
    expect(rows.find((row) => row.id === minuted.id)).toEqual(minuted);
    return rows.filter((row) => row.id !== past.id && row.id !== minuted.id);
  };
  const local = (at: Date) => DateTime.fromJSDate(at, { zone: 'Europe/Oslo' });

  it('a new rule, participants, place and length: the meetings still to come follow, the held and minuted ones do not', async () => {
    const before = await untouched();
    const changed = await edit({
      rule: 'first Wednesday 10:00',
      participantIds: [second.user.id],
      location: 'Room 2',
      durationMinutes: 90,
    });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ rule: 'first Wednesday 10:00', participantIds: [second.user.id] });
    const after = await untouched();
    // No Tuesday is left to come: each was cancelled, and each Wednesday the rule gives has its meeting.
    expect(after.map((row) => row.starts_at.toISOString())).toEqual(changed.body.upcoming);
    for (const row of after) {
      expect([local(row.starts_at).weekday, local(row.starts_at).hour]).toEqual([3, 10]);
      expect(row).toMatchObject({ location: 'Room 2', duration_minutes: 90, participants: [second.user.id] });
    }
    const cancelled = before.map((row) => row.id).filter((id) => !after.some((row) => row.id === id));
    expect(cancelled.length).toBe(before.length);
    const [{ n }] = await app.dataSource.query(
      `SELECT count(*)::int AS n FROM audit_events WHERE action = 'meeting.cancel' AND resource_id = ANY($1)`,
      [cancelled],
    );
    expect(n).toBe(cancelled.length);
    // The new meetings' agendas are on the queue; the sweep creates nothing more.
    const queue = app.app.get<Queue>(getQueueToken(QUEUES.meetings));
    const last = after[after.length - 1];
    const freeze = { meetingId: last.id, startsAt: last.starts_at.toISOString(), step: 'freeze' as const };
    expect(await queue.getJob(agendaStepJobId(freeze))).toBeTruthy();
    await worker.get(MeetingsSweep).run();
    expect(await untouched()).toEqual(after);
  });

  it('a new time on the same days moves the same meetings, and their agenda jobs with them', async () => {
    const before = await untouched();
    const moved = await edit({ rule: 'first Wednesday 09:00' });
    expect(moved.status).toBe(200);
    const after = await untouched();
    expect(after.map((row) => row.id)).toEqual(before.map((row) => row.id));
    for (const [index, row] of after.entries()) {
      expect(row.starts_at.getTime()).toBe(before[index].starts_at.getTime() - 3_600_000);
      expect(row).toMatchObject({ location: 'Room 2', participants: [second.user.id] });
    }
    const queue = app.app.get<Queue>(getQueueToken(QUEUES.meetings));
    const job = { meetingId: after[0].id, startsAt: after[0].starts_at.toISOString(), step: 'freeze' as const };
    expect(await queue.getJob(agendaStepJobId(job))).toBeTruthy();
    const [{ n }] = await app.dataSource.query(
      `SELECT count(*)::int AS n FROM audit_events WHERE action = 'meeting.update' AND resource_id = $1`,
      [after[0].id],
    );
    expect(n).toBeGreaterThanOrEqual(1);
  });

  it('ending it cancels the meetings after its last day, and the sweep creates none after it', async () => {
    const before = await untouched();
    const lastDay = local(before[1].starts_at).toISODate()!;
    const ended = await edit({ endsOn: lastDay });
    expect(ended.status).toBe(200);
    expect(ended.body.endsOn).toBe(lastDay);
    expect(ended.body.upcoming).toHaveLength(2);
    const after = await untouched();
    expect(after.map((row) => row.id)).toEqual(before.slice(0, 2).map((row) => row.id));
    await worker.get(MeetingsSweep).run();
    expect(await untouched()).toEqual(after);

    // Going on again: the sweep's dates come back.
    const reopened = await edit({ endsOn: null });
    expect(reopened.status).toBe(200);
    expect((await untouched()).length).toBe(reopened.body.upcoming.length);
  });

  it('is for the coordinators of its district, refuses bad input with 4xx, and is read by them', async () => {
    expect((await edit({ location: 'Elsewhere' }, otherCoordinator)).status).toBe(404);
    expect((await edit({ location: 'Elsewhere' }, first)).status).toBe(403);
    expect((await edit({ rule: 'every other Tuesday' })).status).toBe(400);
    expect((await edit({ endsOn: '2027-13-45' })).status).toBe(400);
    const pastEnd = await edit({ endsOn: '2020-01-01' });
    expect(pastEnd.status).toBe(422);
    expect(pastEnd.body.errors[0].field).toBe('endsOn');
    const inactive = await signedIn(app.http, app.dataSource, { roles: ['admin'] });
    expect((await edit({ participantIds: [inactive.user.id] })).status).toBe(422);
    expect((await app.http.patch('/api/v1/forum-series/not-a-uuid', {}, { token: coordinator.token })).status).toBe(
      400,
    );

    const read = await app.http.get(`/api/v1/forum-series/${seriesId}`, { token: coordinator.token });
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ id: seriesId, rule: 'first Wednesday 09:00', location: 'Room 2' });
    const listed = await app.http.get(`/api/v1/forum-series?districtId=${district.id}`, { token: coordinator.token });
    expect(listed.body.items.map((item: { id: string }) => item.id)).toEqual([seriesId]);
    expect((await app.http.get(`/api/v1/forum-series/${seriesId}`, { token: otherCoordinator.token })).status).toBe(
      404,
    );
    const none = await app.http.get('/api/v1/forum-series', { token: otherCoordinator.token });
    expect(none.body.items).toEqual([]);
  });
});
