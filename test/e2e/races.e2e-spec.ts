import { AuditEvent } from '../../src/audit/audit-event.entity';
import { Concern } from '../../src/concerns/concern.entity';
import { FollowUp } from '../../src/follow-ups/follow-up.entity';
import { postFollowUp } from '../support/case-flows';
import { createAgency, createDistrict, signedIn } from '../support/factories';
import { startTestApp, TestApp } from '../support/test-app';

type SignedIn = Awaited<ReturnType<typeof signedIn>>;
const ROUNDS = 6;

/** Two people pressing the same button at once: exactly one outcome, the other a 409, never a 500 or a duplicate. */
describe('state changes pressed twice at once', () => {
  let app: TestApp;
  let reporter: SignedIn;
  let coordinators: [SignedIn, SignedIn];
  let owner: SignedIn;

  beforeAll(async () => {
    app = await startTestApp();
    const district = await createDistrict(app.dataSource);
    const office = await createAgency(app.dataSource, { districtId: district.id });
    reporter = await signedIn(app.http, app.dataSource, {
      roles: ['reporter'],
      agency: await createAgency(app.dataSource, { kind: 'school', districtId: district.id }),
    });
    const coordinator = () =>
      signedIn(app.http, app.dataSource, { roles: ['coordinator'], districts: [district], agency: office });
    coordinators = [await coordinator(), await coordinator()];
    owner = await signedIn(app.http, app.dataSource, { roles: ['case_worker'], agency: office });
  });
  afterAll(() => app.close());

  const post = (path: string, body: unknown, who: SignedIn) => app.http.post(path, body, { token: who.token });

  it('triage: two coordinators triage one new concern, one wins and the other is told it is done', async () => {
    for (let round = 0; round < ROUNDS; round += 1) {
      const concern = await post(
        '/api/v1/concerns',
        {
          subject: {
            fullName: `Pupil ${round} ${Math.random()}`,
            dateOfBirth: '2011-02-03',
            districtId: coordinators[0].user.districts![0].id,
          },
          category: 'hate_crime',
          narrative: 'Slurs written on a classmate’s locker.',
          source: 'professional',
          riskLevel: 'moderate',
        },
        reporter,
      );
      expect(concern.status).toBe(201);
      const outcomes = ['refer', 'guidance_only'] as const;
      const answers = await Promise.all(
        coordinators.map((who, index) =>
          post(`/api/v1/concerns/${concern.body.id}/triage`, { outcome: outcomes[index], note: 'Seen' }, who),
        ),
      );
      expect(answers.map((answer) => answer.status).sort()).toEqual([200, 409]);
      const winner = answers.findIndex((answer) => answer.status === 200);
      const stored = await app.dataSource.getRepository(Concern).findOneByOrFail({ id: concern.body.id });
      expect(stored).toMatchObject({ triageOutcome: outcomes[winner], triagedById: coordinators[winner].user.id });
      expect(
        await app.dataSource
          .getRepository(AuditEvent)
          .countBy({ action: 'concern.triage', resourceId: concern.body.id }),
      ).toBe(1);
    }
  });

  it.each([
    ['complete', 'complete', 'done'],
    ['cancel', 'cancel', 'cancelled'],
    ['complete', 'cancel', undefined],
  ] as const)('follow-ups: %s and %s at once, one outcome', async (first, second, expected) => {
    for (let round = 0; round < ROUNDS; round += 1) {
      const created = await postFollowUp(app.http, coordinators[0], {
        ownerId: owner.user.id,
        dueAt: '2099-01-01T09:00:00Z',
      });
      expect(created.status).toBe(201);
      const answers = await Promise.all([
        post(`/api/v1/follow-ups/${created.body.id}/${first}`, {}, owner),
        post(`/api/v1/follow-ups/${created.body.id}/${second}`, {}, coordinators[0]),
      ]);
      expect(answers.map((answer) => answer.status).sort()).toEqual([200, 409]);
      const stored = await app.dataSource.getRepository(FollowUp).findOneByOrFail({ id: created.body.id });
      const winner = answers.find((answer) => answer.status === 200)!.body;
      expect(stored.state).toBe(expected ?? winner.state);
      const closings = await app.dataSource
        .getRepository(AuditEvent)
        .createQueryBuilder('event')
        .where('event.resourceId = :id AND event.action IN (:...actions)', {
          id: created.body.id,
          actions: ['follow_up.complete', 'follow_up.cancel'],
        })
        .getCount();
      expect(closings).toBe(1);
    }
  });
});
