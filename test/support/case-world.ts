import { arrangeMeeting, createFollowUp, createReferral, recordConsent } from './case-flows';
import { createAgency, createDistrict, signedIn } from './factories';
import { HttpResponse } from './http';
import { TestApp } from './test-app';

export type SignedIn = Awaited<ReturnType<typeof signedIn>>;
export type Person = 'admin' | 'auditor' | 'coordinator' | 'reporter' | 'caseWorker' | 'member';

/** One of every kind of record, made through the API, and the people who may see them. */
export interface CaseWorld {
  people: Record<Person, SignedIn>;
  ids: {
    district: string;
    school: string;
    social: string;
    police: string;
    subject: string;
    concern: string;
    consent: string;
    referral: string;
    followUp: string;
    meeting: string;
    agendaItem: string;
  };
}

function created(response: HttpResponse, what: string): string {
  if (response.status !== 201 && response.status !== 200) {
    throw new Error(`could not make ${what}: ${response.status} ${JSON.stringify(response.body)}`);
  }
  return response.body.id as string;
}

/**
 * A district with a school (the reporter's), social services (the case worker's and the
 * forum member's) and a police agency; a subject and a concern about them, a consent, a
 * referral to social services, a follow-up on it, and a forum meeting with its agenda.
 */
export async function buildCaseWorld(app: TestApp): Promise<CaseWorld> {
  const district = await createDistrict(app.dataSource);
  const school = await createAgency(app.dataSource, { kind: 'school', districtId: district.id });
  const social = await createAgency(app.dataSource, { kind: 'social_services', districtId: district.id });
  const police = await createAgency(app.dataSource, { kind: 'police', districtId: district.id });
  const person = (roles: Parameters<typeof signedIn>[2]) => signedIn(app.http, app.dataSource, roles);
  const people: CaseWorld['people'] = {
    admin: await person({ roles: ['admin'] }),
    auditor: await person({ roles: ['auditor'] }),
    coordinator: await person({ roles: ['coordinator'], districts: [district] }),
    reporter: await person({ roles: ['reporter'], agency: school, districts: [district] }),
    caseWorker: await person({ roles: ['case_worker'], agency: social, districts: [district] }),
    member: await person({ roles: ['forum_member'], agency: social, districts: [district] }),
  };
  const as = (who: Person) => ({ token: people[who].token });
  const post = (path: string, body: unknown, who: Person) => app.http.post(path, body, as(who));

  const subject = created(
    await post(
      '/api/v1/subjects',
      { fullName: 'World Subject', dateOfBirth: '2010-02-03', districtId: district.id },
      'reporter',
    ),
    'a subject',
  );
  const concern = created(
    await post(
      '/api/v1/concerns',
      {
        subjectId: subject,
        category: 'hate_crime',
        narrative: 'Seen at school',
        source: 'professional',
        riskLevel: 'moderate',
      },
      'reporter',
    ),
    'a concern',
  );
  const triage = await post(
    `/api/v1/concerns/${concern}/triage`,
    { outcome: 'refer', note: 'To social services' },
    'coordinator',
  );
  if (triage.status !== 200 && triage.status !== 201) throw new Error(`could not triage: ${triage.status}`);
  const consent = (
    await recordConsent(app.http, as('coordinator'), {
      subjectId: subject,
      guardianName: 'World Guardian',
      agencyIds: [social.id],
    })
  ).id as string;
  const referral = (
    await createReferral(app.http, as('coordinator'), {
      concernId: concern,
      toAgencyId: social.id,
      legalBasis: 'statutory_duty',
    })
  ).id as string;
  const followUp = (
    await createFollowUp(app.http, as('coordinator'), { referralId: referral, ownerId: people.coordinator.user.id })
  ).id as string;
  const meeting = (
    await arrangeMeeting(app.http, as('coordinator'), {
      districtId: district.id,
      participantIds: [people.member.user.id],
    })
  ).id as string;
  const agenda = await post(`/api/v1/meetings/${meeting}/agenda`, {}, 'coordinator');
  const agendaItem = (agenda.body.sections as { items: { id: string }[] }[] | undefined)
    ?.flatMap((section) => section.items)
    .at(0)?.id;
  if (!agendaItem) throw new Error(`the agenda has no item: ${agenda.status} ${JSON.stringify(agenda.body)}`);

  return {
    people,
    ids: {
      district: district.id,
      school: school.id,
      social: social.id,
      police: police.id,
      subject,
      concern,
      consent,
      referral,
      followUp,
      meeting,
      agendaItem,
    },
  };
}
