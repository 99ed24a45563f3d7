import { INestApplicationContext } from '@nestjs/common';
import { DateTime } from 'luxon';
import { FollowUp } from '../../src/follow-ups/follow-up.entity';
import { createReferral, dateInDays, postFollowUp, recordConsent } from '../support/case-flows';
import { eventually } from '../support/eventually';
import { createAgency, createConcernRecord, createDistrict, signedIn } from '../support/factories';
import { startTestApp, TestApp } from '../support/test-app';
import { startTestWorker } from '../support/test-worker';

/** A district whose wall clock is not Oslo's, so a time read in the wrong zone shows. */
const ZONE = 'America/New_York';
const HOUR = 3_600_000;

/** 09:00 on `date` in ZONE, and the same wall-clock time the day before. */
const nineInZone = (date: string) => DateTime.fromISO(date, { zone: ZONE }).set({ hour: 9 });

describe('follow-ups made by the one factory', () => {
  let app: TestApp;
  let worker: INestApplicationContext;
  let district: { id: string };
  let coordinator: Awaited<ReturnType<typeof signedIn>>;
  let reporter: Awaited<ReturnType<typeof signedIn>>;
  let mentorAgencyId: string;

  beforeAll(async () => {
    app = await startTestApp({ RECONCILE_EVERY_MS: '3600000' });
    worker = await startTestWorker();
    district = await createDistrict(app.dataSource);
    await app.dataSource.query('UPDATE districts SET time_zone = $1 WHERE id = $2', [ZONE, district.id]);
    const agency = (kind: Parameters<typeof createAgency>[1]) =>
      createAgency(app.dataSource, { ...kind, districtId: district.id });
    reporter = await signedIn(app.http, app.dataSource, {
      roles: ['reporter'],
      districts: [district as never],
      agency: await agency({ kind: 'school' }),
    });
    coordinator = await signedIn(app.http, app.dataSource, {
      roles: ['coordinator'],
      districts: [district as never],
      agency: await agency({ kind: 'other' }),
    });
    mentorAgencyId = (await agency({ kind: 'ngo' })).id;
  });
  afterAll(async () => {
    await worker.close();
    await app.close();
  });

  /** A concern triaged as `refer`, referred to the mentor programme on a guardian's consent, reviewed on `reviewDate`. */
  async function refer(reviewDate: string) {
    const concern = await createConcernRecord(app.dataSource, {
      reporter: reporter.user,
      districtId: district.id,
      classification: 'coordination',
    });
    const triaged = await app.http.post(
      `/api/v1/concerns/${concern.id}/triage`,
      { outcome: 'refer', note: 'Mentor first' },
      { token: coordinator.token },
    );
    expect(triaged.status).toBe(200);
    const consent = await recordConsent(app.http, coordinator, {
      subjectId: concern.subjectId,
      agencyIds: [mentorAgencyId],
    });
    const before = new Date();
    const referral = await createReferral(app.http, coordinator, {
      concernId: concern.id,
      toAgencyId: mentorAgencyId,
      consentId: consent.id,
      reviewDate,
    });
    const after = new Date();
    const review = await app.dataSource.getRepository(FollowUp).findOneByOrFail({ referralId: referral.id });
    return { concern, referral, review, before, after };
  }

  it('makes a referral’s review follow-up due at 09:00 on the review date in the district’s zone, audited with the referral', async () => {
    const reviewDate = dateInDays(20);
    const { concern, referral, review } = await refer(reviewDate);

    expect(review).toMatchObject({ kind: 'referral_review', ownerId: coordinator.user.id, districtId: district.id });
    expect(review.dueAt.toISOString()).toBe(nineInZone(reviewDate).toUTC().toISO());
    expect(review.remindAt.toISOString()).toBe(nineInZone(reviewDate).minus({ days: 1 }).toUTC().toISO());

    // One `follow_up.create` event, about the referral's subject, by the coordinator, written in
    // the transaction that made the follow-up (and the referral).
    const events = await app.dataSource.query(
      `SELECT action, actor_id, subject_id, outcome, details, xmin::text AS tx FROM audit_events
        WHERE resource_id = ANY($1) ORDER BY action`,
      [[review.id, referral.id]],
    );
    expect(events).toEqual([
      expect.objectContaining({
        action: 'follow_up.create',
        actor_id: coordinator.user.id,
        subject_id: concern.subjectId,
        outcome: 'allowed',
      }),
      expect.objectContaining({ action: 'referral.create', actor_id: coordinator.user.id, outcome: 'allowed' }),
    ]);
    expect(events[0].details).toMatchObject({ kind: 'referral_review', referralId: referral.id });
    const [{ tx }] = await app.dataSource.query('SELECT xmin::text AS tx FROM follow_ups WHERE id = $1', [review.id]);
    expect(events.map((event: { tx: string }) => event.tx)).toEqual([tx, tx]);
  });

  it('never keeps a reminder in the past: a review tomorrow whose reminder time has gone is reminded at once', async () => {
    const reviewDate = dateInDays(1);
    const { review, before, after } = await refer(reviewDate);
    const wanted = nineInZone(reviewDate).minus({ days: 1 }).toJSDate();
    expect(review.dueAt.toISOString()).toBe(nineInZone(reviewDate).toUTC().toISO());
    expect(review.remindAt.getTime()).toBeGreaterThanOrEqual(Math.min(wanted.getTime(), before.getTime()));
    if (wanted.getTime() < before.getTime()) {
      // The reminder's time had passed when the referral was made: it is the time it was made.
      expect(review.remindAt.getTime()).toBeGreaterThanOrEqual(before.getTime() - 5);
      expect(review.remindAt.getTime()).toBeLessThanOrEqual(after.getTime() + 5);
    } else {
      expect(review.remindAt).toEqual(wanted);
    }
  });

  it('sends the reminder of a task due within a day when it is made, not never', async () => {
    const dueAt = new Date(Date.now() + 2 * HOUR);
    const created = await postFollowUp(app.http, coordinator, {
      ownerId: coordinator.user.id,
      text: 'Call the family',
      dueAt: dueAt.toISOString(),
    });
    expect(created.status).toBe(201);
    // One day before would be 22 hours ago: the reminder is due now, so the owner hears at once.
    expect(new Date(created.body.remindAt).getTime()).toBeGreaterThan(Date.now() - HOUR);
    expect(new Date(created.body.remindAt).getTime()).toBeLessThanOrEqual(Date.now());
    const reminded = await eventually(
      () =>
        app.dataSource.query(
          `SELECT kind, recipient_user_id FROM notifications WHERE resource_id = $1 AND kind = 'follow_up.remind'`,
          [created.body.id],
        ),
      (rows) => rows.length > 0,
      30_000,
    );
    expect(reminded).toEqual([{ kind: 'follow_up.remind', recipient_user_id: coordinator.user.id }]);
    const [event] = await app.dataSource.query(
      `SELECT actor_id, details FROM audit_events WHERE action = 'follow_up.create' AND resource_id = $1`,
      [created.body.id],
    );
    expect(event).toMatchObject({ actor_id: coordinator.user.id, details: { kind: 'task' } });
  });
});
