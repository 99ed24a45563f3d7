import { POLICY_KEY } from '../../src/access/policy.decorator';
import { MeController } from '../../src/users/me.controller';
import { signedIn } from '../support/factories';
import { Route, registeredRoutes } from '../support/routes';
import { startTestApp, TestApp } from '../support/test-app';

describe('every route', () => {
  let subject: TestApp;
  let routes: Route[];

  beforeAll(async () => {
    subject = await startTestApp();
    routes = registeredRoutes(subject);
  });
  afterAll(() => subject.close());

  it('finds the routes (the control for the checks below)', () => {
    expect(routes.length).toBeGreaterThanOrEqual(15);
    expect(routes).toContainEqual(expect.objectContaining({ method: 'PATCH', path: '/api/v1/users/:id' }));
  });

  it('declares a policy or is explicitly public', () => {
    const undeclared = routes.filter((route) => !route.isPublic && !route.hasPolicy);
    expect(undeclared).toEqual([]);
  });

  it('is public only for login, refresh and health', () => {
    const open = routes.filter((route) => route.isPublic).map((route) => `${route.method} ${route.path}`);
    expect(open.sort()).toEqual([
      'GET /health/live',
      'GET /health/ready',
      'POST /api/v1/auth/login',
      'POST /api/v1/auth/refresh',
    ]);
  });

  it('refuses a caller without a token with 401, unless public', async () => {
    const answers = await Promise.all(
      routes
        .filter((route) => !route.isPublic)
        .map(async (route) => {
          const path = route.path.replace(/:[a-zA-Z]+/g, '00000000-0000-4000-8000-000000000000');
          const response = await subject.http.request(route.method, path, route.method === 'GET' ? undefined : {}, {});
          return `${route.method} ${route.path} ${response.status}`;
        }),
    );
    expect(answers.filter((answer) => !answer.endsWith(' 401'))).toEqual([]);
  });

  it('is refused at run time when its policy is missing, even to a signed-in caller', async () => {
    const { token } = await signedIn(subject.http, subject.dataSource);
    // eslint-disable-next-line @typescript-eslint/unbound-method -- only its metadata is read
    const handler = MeController.prototype.me;
    const policy = Reflect.getMetadata(POLICY_KEY, handler);
    expect((await subject.http.get('/api/v1/me', { token })).status).toBe(200);
    Reflect.deleteMetadata(POLICY_KEY, handler);
    try {
      const response = await subject.http.get('/api/v1/me', { token });
      expect(response.status).toBe(403);
      expect(response.body.detail).toMatch(/no access policy/);
    } finally {
      Reflect.defineMetadata(POLICY_KEY, policy, handler);
    }
  });
});
