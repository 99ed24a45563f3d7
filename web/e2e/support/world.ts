import { expect, type APIRequestContext } from '@playwright/test';
import { randomBytes } from 'node:crypto';
import { DEMO_PASSWORD, demoEmail } from './demo';

/**
 * A small world of its own for a browser test, made through the API as the demo admin: a district
 * with its police (which receives its emergencies), a school, a social services office and a
 * coordination office, and people in them signed in as a person would be. Each test has its own,
 * so that no other test's concerns come between it and the top of an intake queue.
 */
export interface World {
  tag: string;
  districtId: string;
  districtName: string;
  agencies: Record<'police' | 'school' | 'social' | 'coordination', { id: string; name: string }>;
}

type Role = 'reporter' | 'case_worker' | 'coordinator' | 'forum_member';

/**
 * Access tokens by login, so that a test logging many concerns signs in once. A token lasts 15
 * minutes and a worker runs longer than that, so one is renewed a minute before its end.
 */
const tokens = new Map<string, { accessToken: string; renewAt: number }>();

export async function token(request: APIRequestContext, login: string): Promise<string> {
  const known = tokens.get(login);
  if (known && Date.now() < known.renewAt) return known.accessToken;
  const response = await request.post('/api/v1/auth/login', {
    data: { email: demoEmail(login), password: DEMO_PASSWORD },
  });
  expect(response.status(), `sign-in of ${login}`).toBe(200);
  const { accessToken, expiresIn } = (await response.json()) as { accessToken: string; expiresIn: number };
  tokens.set(login, { accessToken, renewAt: Date.now() + (expiresIn - 60) * 1000 });
  return accessToken;
}

/** A JSON request as the holder of `bearer`, answering the body (and failing the test on an error). */
export async function send<T>(
  request: APIRequestContext,
  bearer: string,
  method: 'get' | 'post' | 'patch',
  path: string,
  data?: unknown,
): Promise<T> {
  const response = await request[method](path, { headers: { Authorization: `Bearer ${bearer}` }, data });
  expect(response.ok(), `${method.toUpperCase()} ${path}: ${await response.text()}`).toBe(true);
  return (await response.json()) as T;
}

export async function makeWorld(request: APIRequestContext, label: string, timeZone = 'Europe/Oslo'): Promise<World> {
  const admin = await token(request, 'admin');
  const tag = randomBytes(3).toString('hex');
  const districtName = `${label} ${tag}`;
  const district = await send<{ id: string }>(request, admin, 'post', '/api/v1/districts', {
    name: districtName,
    timeZone,
  });
  const agency = async (name: string, kind: string) => {
    const created = await send<{ id: string }>(request, admin, 'post', '/api/v1/agencies', {
      name: `${name} ${tag}`,
      kind,
      districtId: district.id,
    });
    return { id: created.id, name: `${name} ${tag}` };
  };
  const agencies = {
    police: await agency('Police', 'police'),
    school: await agency('School', 'school'),
    social: await agency('Social Services', 'social_services'),
    coordination: await agency('Coordination Office', 'other'),
  };
  await send(request, admin, 'patch', `/api/v1/districts/${district.id}`, {
    emergencyPoliceAgencyId: agencies.police.id,
  });
  return { tag, districtId: district.id, districtName, agencies };
}

/** A person of the world, by the login the sign-in helpers take; their name is `name`. */
export async function makePerson(
  request: APIRequestContext,
  world: World,
  person: { login: string; name: string; agency: keyof World['agencies']; roles: Role[] },
): Promise<string> {
  const admin = await token(request, 'admin');
  const login = `${person.login}-${world.tag}`;
  await send(request, admin, 'post', '/api/v1/users', {
    email: demoEmail(login),
    name: person.name,
    password: DEMO_PASSWORD,
    agencyId: world.agencies[person.agency].id,
    roles: person.roles,
    districtIds: [world.districtId],
  });
  return login;
}

/** Logs a concern through the API as `login`, about a new person or an existing one; answers its id and subject. */
export async function logConcern(
  request: APIRequestContext,
  world: World,
  login: string,
  concern: {
    subject?: { fullName: string; dateOfBirth: string };
    subjectId?: string;
    riskLevel: 'low' | 'moderate' | 'high' | 'immediate_danger';
    category?: string;
  },
): Promise<{ id: string; subjectId: string; createdAt: string }> {
  const bearer = await token(request, login);
  const created = await send<{ id: string; subject?: { id: string }; createdAt: string }>(
    request,
    bearer,
    'post',
    '/api/v1/concerns',
    {
      ...(concern.subject ? { subject: { ...concern.subject, districtId: world.districtId } } : {}),
      ...(concern.subjectId ? { subjectId: concern.subjectId } : {}),
      category: concern.category ?? 'other',
      riskLevel: concern.riskLevel,
      narrative: 'Seen at the youth club on Friday evening.',
      source: 'professional',
    },
  );
  return { id: created.id, subjectId: created.subject?.id ?? concern.subjectId ?? '', createdAt: created.createdAt };
}
