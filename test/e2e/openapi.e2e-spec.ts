import { buildOpenApiDocument } from '../../src/openapi/openapi';
import { expectCommittedFile } from '../support/generated-file';
import { startTestApp, TestApp } from '../support/test-app';

type Operation = { requestBody?: unknown; responses: Record<string, { content?: unknown }> };

describe('OpenAPI', () => {
  let subject: TestApp;
  let document: ReturnType<typeof buildOpenApiDocument>;

  beforeAll(async () => {
    subject = await startTestApp();
    document = buildOpenApiDocument(subject.app);
  });
  afterAll(() => subject.close());

  it('is served as JSON at /api/docs-json and as Swagger UI at /api/docs', async () => {
    const json = await subject.http.get('/api/docs-json');
    expect(json.status).toBe(200);
    expect(json.body.paths['/api/v1/auth/login']).toBeDefined();
    const ui = await subject.http.get('/api/docs');
    expect(ui.status).toBe(200);
    expect(String(ui.body)).toContain('swagger');
  });

  it('documents a response shape for every operation, and a request body for every write that takes one', () => {
    const operations = Object.entries(document.paths).flatMap(([path, item]) =>
      Object.entries(item as Record<string, Operation>).map(([method, operation]) => ({
        route: `${method.toUpperCase()} ${path}`,
        operation,
      })),
    );
    expect(operations.length).toBeGreaterThanOrEqual(18);
    const undocumented = operations
      .filter(({ operation }) => {
        const success = Object.entries(operation.responses).find(([status]) => status.startsWith('2'));
        return !success || (success[0] !== '204' && !success[1].content);
      })
      .map(({ route }) => route);
    expect(undocumented).toEqual([]);
    const withoutProblem = operations
      .filter(({ operation }) => !operation.responses.default?.content)
      .map(({ route }) => route);
    expect(withoutProblem).toEqual([]);
    const bodiless = [
      'POST /api/v1/districts',
      'POST /api/v1/agencies',
      'PATCH /api/v1/agencies/{id}',
      'POST /api/v1/users',
      'PATCH /api/v1/users/{id}',
      'POST /api/v1/auth/login',
      'POST /api/v1/auth/refresh',
      'POST /api/v1/auth/totp/confirm',
      'POST /api/v1/auth/totp/disable',
    ].filter((route) => !operations.find((operation) => operation.route === route)?.operation.requestBody);
    expect(bodiless).toEqual([]);
  });

  it('matches the committed docs/openapi.json (run `npm run docs` after changing the API)', () => {
    expectCommittedFile('docs/openapi.json', `${JSON.stringify(document, null, 2)}\n`);
  });
});
