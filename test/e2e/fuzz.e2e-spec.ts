/**
 * The fuzzer: every operation of the OpenAPI document is sent a fixed, seeded set of
 * malformed inputs — wrong types, missing and unknown fields, huge and deeply nested values,
 * lone surrogates and NUL, invalid ids and dates, overlong path segments, bad percent-encoding
 * — by a caller its policy admits (a coordinator, else an admin, an auditor or a case role)
 * and by an anonymous one. No answer may be a 5xx, and every error answer must be a problem
 * document. One request per operation, input and caller, so the run takes seconds.
 */
import { buildOpenApiDocument } from '../../src/openapi/openapi';
import { buildCaseWorld, CaseWorld, Person } from '../support/case-world';
import { startTestApp, TestApp } from '../support/test-app';

/** Change it to explore other inputs; a failure names the input, so any run can be repeated. */
const SEED = 20_260_511;

type Schema = {
  $ref?: string;
  allOf?: Schema[];
  type?: string;
  format?: string;
  enum?: unknown[];
  example?: unknown;
  items?: Schema;
  properties?: Record<string, Schema>;
  required?: string[];
};
type Parameter = { name: string; in: 'path' | 'query'; schema?: Schema };
type Body = Record<string, unknown>;
type OperationObject = {
  parameters?: Parameter[];
  requestBody?: { content: Record<string, { schema: Schema }> };
  security?: unknown[];
};

interface Operation {
  method: string;
  /** As the document writes it: /api/v1/concerns/{id}. */
  template: string;
  parameters: Parameter[];
  body?: Schema;
  /** Callable without a token (login, refresh, health). */
  isPublic: boolean;
}

/** One request: the path with its query, and the body exactly as sent (undefined: none). */
interface Probe {
  path: string;
  raw?: string;
}

interface FuzzCase {
  name: string;
  body?: boolean;
  beforeAuthentication?: boolean;
  make: (operation: Operation, random: () => number) => Probe;
}

type Caller = Person | 'anonymous';

/** mulberry32: small, fast and the same everywhere. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const hashOf = (text: string) =>
  [...text].reduce((hash, char) => Math.imul(hash ^ char.charCodeAt(0), 16_777_619), 2_166_136_261);
const pick = <T>(random: () => number, values: readonly T[]): T => values[Math.floor(random() * values.length)];

const BAD_TEXT = [
  '\ud800',
  'a\udc00b',
  '\udbff\ud800',
  '\u0000',
  'x\u0000y',
  '\ufffe',
  '\ufdd0',
  '\u{10ffff}',
  '\u202e\u0007',
];
const BAD_IDS = [
  'not-a-uuid',
  '00000000-0000-0000-0000-000000000000',
  '{00000000-0000-4000-8000-000000000000}',
  "1' OR '1'='1",
  '0',
  'ZZZZZZZZ-ZZZZ-4ZZZ-8ZZZ-ZZZZZZZZZZZZ',
  '7f3c1d2e-0000-4000-8000-00000000beef',
];
const BAD_DATES = [
  '2024-02-30',
  '0000-01-01',
  '10000-01-01',
  '2024-13-01',
  '1970-01-01T25:00:00Z',
  '+275760-09-13T00:00:00.001Z',
  '2024-01-01T00:00:00+99:00',
  '-000001-01-01T00:00:00Z',
];
const BAD_QUERY_TEXT = ['%00', '%ED%A0%80', '%C0%AF', '%FF', '%E0%A4%A'];
const BAD_PERCENT = ['%', '%zz', '%E0%A4%A', '%ED%A0%80'];
const DEEP = 5_000;

/** Every operation of the document, with its parameters and its request body's schema. */
function operationsOf(document: { paths: Record<string, Record<string, unknown>> }): Operation[] {
  return Object.entries(document.paths).flatMap(([template, item]) =>
    Object.entries(item as Record<string, OperationObject>).map(([method, operation]) => ({
      method: method.toUpperCase(),
      template,
      parameters: operation.parameters ?? [],
      body: operation.requestBody?.content['application/json']?.schema,
      isPublic: !operation.security,
    })),
  );
}

describe('the fuzzer: malformed input never answers 5xx, and every error is a problem document', () => {
  let app: TestApp;
  let world: CaseWorld;
  let schemas: Record<string, Schema>;
  let operations: Operation[];

  beforeAll(async () => {
    app = await startTestApp();
    world = await buildCaseWorld(app);
    const document = buildOpenApiDocument(app.app) as unknown as {
      paths: Record<string, Record<string, unknown>>;
      components: { schemas: Record<string, Schema> };
    };
    schemas = document.components.schemas;
    operations = operationsOf(document);
  });
  afterAll(() => app.close());

  const resolve = (schema: Schema): Schema => {
    if (schema.$ref) return resolve(schemas[schema.$ref.split('/').pop()!]);
    if (schema.allOf?.length) return resolve(schema.allOf[0]);
    return schema;
  };

  /** A real record's id for a field of that name, so inputs reach past "not found". */
  const idFor = (name: string): string => {
    const { ids, people } = world;
    const byName: Record<string, string> = {
      districtId: ids.district,
      agencyId: ids.social,
      toAgencyId: ids.social,
      agencyIds: ids.social,
      subjectId: ids.subject,
      otherSubjectId: ids.subject,
      concernId: ids.concern,
      resourceId: ids.concern,
      consentId: ids.consent,
      referralId: ids.referral,
      agendaItemId: ids.agendaItem,
      ownerId: people.coordinator.user.id,
      caseWorkerId: people.caseWorker.user.id,
      participantIds: people.member.user.id,
      attendeeIds: people.member.user.id,
      userId: people.reporter.user.id,
      actorId: people.reporter.user.id,
    };
    return byName[name] ?? '3b241101-e2bb-4255-8caf-4136c566a962';
  };

  /** The record a path parameter names: the resource before it (/concerns/{id}), or an item of a meeting. */
  const pathIdFor = (template: string, name: string): string => {
    const { ids, people } = world;
    if (name === 'itemId') return ids.agendaItem;
    if (name === 'linkId') return '3b241101-e2bb-4255-8caf-4136c566a962';
    const resource = template.split('/{')[0].split('/').pop()!;
    const byResource: Record<string, string> = {
      agencies: ids.social,
      users: people.reporter.user.id,
      subjects: ids.subject,
      concerns: ids.concern,
      consents: ids.consent,
      referrals: ids.referral,
      'follow-ups': ids.followUp,
      meetings: ids.meeting,
    };
    return byResource[resource] ?? '3b241101-e2bb-4255-8caf-4136c566a962';
  };

  /** A well-formed value for a field, so that a case can break one thing at a time. */
  const sample = (raw: Schema, name: string): unknown => {
    const schema = resolve(raw);
    if (schema.enum?.length) return schema.enum[0];
    if (schema.type === 'array') return [sample(schema.items ?? {}, name)];
    if (schema.format === 'uuid') return idFor(name);
    if (schema.format === 'date') return new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10);
    if (schema.format === 'date-time') return new Date(Date.now() + 86_400_000).toISOString();
    if (schema.properties) {
      return Object.fromEntries(Object.entries(schema.properties).map(([key, value]) => [key, sample(value, key)]));
    }
    if (schema.example !== undefined) return schema.example;
    if (schema.type === 'number' || schema.type === 'integer') return 1;
    if (schema.type === 'boolean') return true;
    return 'Fuzz text';
  };

  const fieldsOf = (operation: Operation): [string, Schema][] =>
    Object.entries(operation.body ? (resolve(operation.body).properties ?? {}) : {}).map(([key, value]) => [
      key,
      resolve(value),
    ]);

  const wrongTypeFor = (schema: Schema, random: () => number): unknown => {
    const candidates: Record<string, unknown[]> = {
      string: [42, true, null, ['x'], { x: 1 }],
      number: ['1', true, null, [1], { n: 1 }, '1e999'],
      integer: ['1', 1.5, null, [1], { n: 1 }],
      boolean: ['true', 1, null, [true], { b: true }],
      array: ['x', 1, null, { 0: 'x' }, true],
      object: ['x', 1, null, [1], true],
    };
    return pick(random, candidates[schema.type ?? 'string'] ?? candidates.string);
  };

  const badValueFor = (schema: Schema, random: () => number): unknown => {
    if (schema.type === 'array') return [badValueFor(resolve(schema.items ?? {}), random)];
    if (schema.format === 'uuid') return pick(random, BAD_IDS);
    if (schema.format === 'date' || schema.format === 'date-time') return pick(random, BAD_DATES);
    if (schema.type === 'number' || schema.type === 'integer') return pick(random, [-1, 0.5, 2 ** 53 + 1, -0, 1e308]);
    if (schema.type === 'boolean') return pick(random, ['yes', 0, null]);
    return pick(random, BAD_TEXT);
  };

  const hugeValueFor = (schema: Schema, name: string, stringLength: number): unknown => {
    if (schema.type === 'array') return Array.from({ length: 10_000 }, () => sample(schema.items ?? {}, name));
    if (schema.type === 'number' || schema.type === 'integer') return 1e308;
    if (schema.type === 'boolean' || schema.properties) return sample(schema, name);
    return 'x'.repeat(stringLength);
  };

  const queryValueFor = (parameter: Parameter, kind: 'wrong' | 'bad' | 'huge', random: () => number): string => {
    const schema = resolve(parameter.schema ?? {});
    if (kind === 'huge') return parameter.name === 'limit' ? '1e400' : 'A'.repeat(4_000);
    if (kind === 'bad') {
      if (schema.format === 'uuid') return encodeURIComponent(pick(random, BAD_IDS));
      if (schema.format === 'date-time') return encodeURIComponent(pick(random, BAD_DATES));
      return pick(random, BAD_QUERY_TEXT);
    }
    if (parameter.name === 'limit') return pick(random, ['ten', '-1', '0', '201', '1.5']);
    if (schema.format === 'uuid') return 'not-a-uuid';
    if (schema.type === 'boolean') return 'maybe';
    if (schema.format === 'date-time') return 'yesterday';
    return pick(random, ['', 'no-such-value', 'x&limit=2']);
  };

  /** The path with every parameter filled by `value` (a real id by default), and a query of `query`. */
  const pathOf = (operation: Operation, value?: (name: string) => string, query: [string, string][] = []) => {
    const filled = operation.template.replace(/\{(\w+)\}/g, (_, name: string) =>
      value ? value(name) : pathIdFor(operation.template, name),
    );
    const search = query.map(([key, raw]) => `${key}=${raw}`).join('&');
    return search ? `${filled}?${search}` : filled;
  };

  const withBody = (operation: Operation, body: unknown): Probe => ({
    path: pathOf(operation),
    raw: JSON.stringify(body),
  });
  const queryOf = (operation: Operation, kind: 'wrong' | 'bad' | 'huge', random: () => number) =>
    operation.parameters
      .filter((parameter) => parameter.in === 'query')
      .map((parameter): [string, string] => [parameter.name, queryValueFor(parameter, kind, random)]);
  const mapFields = (operation: Operation, change: (name: string, schema: Schema) => unknown): Body =>
    Object.fromEntries(fieldsOf(operation).map(([name, schema]) => [name, change(name, schema)]));
  const baseline = (operation: Operation): Body => mapFields(operation, (name, schema) => sample(schema, name));
  const hasPathParameters = (operation: Operation) => operation.parameters.some((parameter) => parameter.in === 'path');

  /**
   * The fixed list of inputs: each makes one request for an operation, from that operation's
   * own seeded random. `body`: carried by the body alone (a GET has none, so it is not sent
   * one). `beforeAuthentication`: refused while the request is read, before any token is
   * looked at, so an anonymous caller sends it to every operation, not only the public ones.
   */
  const CASES: FuzzCase[] = [
    {
      name: 'wrong types and nulls',
      make: (operation, random) => ({
        path: pathOf(operation, undefined, queryOf(operation, 'wrong', random)),
        raw: JSON.stringify(mapFields(operation, (_, schema) => wrongTypeFor(schema, random))),
      }),
    },
    { name: 'missing fields', body: true, make: (operation) => withBody(operation, {}) },
    {
      name: 'unknown fields',
      body: true,
      make: (operation) => withBody(operation, { ...baseline(operation), unexpected: 'field', isAdmin: true }),
    },
    {
      name: 'huge values',
      beforeAuthentication: true,
      make: (operation, random) => {
        const strings = fieldsOf(operation).filter(([, schema]) => !schema.type || schema.type === 'string').length;
        const length = Math.min(200_000, Math.floor(900_000 / Math.max(1, strings)));
        return {
          path: pathOf(operation, undefined, queryOf(operation, 'huge', random)),
          raw: JSON.stringify(mapFields(operation, (name, schema) => hugeValueFor(schema, name, length))),
        };
      },
    },
    {
      name: 'deep nesting',
      body: true,
      beforeAuthentication: true,
      make: (operation, random) => {
        const fields = fieldsOf(operation).map(([name]) => name);
        if (fields.length === 0 || random() < 0.5)
          return { path: pathOf(operation), raw: `${'['.repeat(DEEP)}${']'.repeat(DEEP)}` };
        const body = JSON.stringify({ ...baseline(operation), [pick(random, fields)]: '\u0001' });
        return {
          path: pathOf(operation),
          raw: body.replace('"\\u0001"', `${'{"a":'.repeat(DEEP)}1${'}'.repeat(DEEP)}`),
        };
      },
    },
    {
      name: 'lone surrogates, NUL and non-characters',
      make: (operation, random) => ({
        path: pathOf(operation, undefined, queryOf(operation, 'bad', random)),
        raw: JSON.stringify(
          mapFields(operation, (name, schema) =>
            schema.type === 'string' && !schema.format && !schema.enum ? pick(random, BAD_TEXT) : sample(schema, name),
          ),
        ),
      }),
    },
    {
      name: 'invalid ids, dates and numbers',
      make: (operation, random) => ({
        path: pathOf(operation, () => encodeURIComponent(pick(random, BAD_IDS)), queryOf(operation, 'bad', random)),
        raw: JSON.stringify(mapFields(operation, (_, schema) => badValueFor(schema, random))),
      }),
    },
    {
      name: 'overlong path segment',
      beforeAuthentication: true,
      make: (operation) => ({
        path: hasPathParameters(operation)
          ? pathOf(operation, () => 'a'.repeat(600))
          : `${operation.template}/${'a'.repeat(600)}`,
      }),
    },
    {
      name: 'bad percent-encoding',
      beforeAuthentication: true,
      make: (operation, random) =>
        hasPathParameters(operation)
          ? { path: pathOf(operation, () => pick(random, BAD_PERCENT)) }
          : { path: `${operation.template}${pick(random, BAD_PERCENT)}?cursor=%E0%A4%A&limit=%` },
    },
    {
      name: 'malformed JSON and prototype pollution',
      body: true,
      beforeAuthentication: true,
      make: (operation, random) => ({
        path: pathOf(operation),
        raw: pick(random, [
          '{"a":',
          '"just a string"',
          '[1,2',
          '{"a":1}{"b":2}',
          '\u0000',
          '{"__proto__":{"isAdmin":true}}',
          '{"constructor":{"prototype":{"isAdmin":true}}}',
        ]),
      }),
    },
  ];

  const tokenOf = (caller: Caller) => (caller === 'anonymous' ? undefined : world.people[caller].token);

  async function send(operation: Operation, fuzzCase: FuzzCase, caller: Caller) {
    const random = seeded(SEED ^ hashOf(`${operation.method} ${operation.template} ${fuzzCase.name}`));
    const probe = fuzzCase.make(operation, random);
    // fetch refuses a body on GET; those operations take their input from the path and the query.
    const raw = operation.method === 'GET' ? undefined : probe.raw;
    const response = await app.http.request<{ status?: number } | undefined>(operation.method, probe.path, undefined, {
      token: tokenOf(caller),
      raw,
      headers: raw === undefined ? {} : { 'content-type': 'application/json' },
    });
    return { operation, fuzzCase, caller, probe, response };
  }

  /**
   * Who is authorised for an operation: the first of these whom its policy does not refuse.
   * Their inputs get past the access guard to validation and the service behind it.
   */
  const CANDIDATES: Person[] = ['coordinator', 'admin', 'auditor', 'caseWorker', 'reporter', 'member'];
  type Answer = Awaited<ReturnType<typeof send>>;

  /** Every input the operation takes (a GET takes none in a body), as an authorised caller and as an anonymous one. */
  async function fuzz(operation: Operation): Promise<{ operation: Operation; answers: Answer[]; authorised?: Person }> {
    const cases = CASES.filter((fuzzCase) => operation.method !== 'GET' || !fuzzCase.body);
    const answers: Answer[] = [];
    let authorised: Person | undefined;
    for (const candidate of CANDIDATES) {
      const first = await send(operation, cases[0], candidate);
      answers.push(first);
      if (first.response.status !== 403) {
        authorised = candidate;
        break;
      }
    }
    for (const fuzzCase of cases.slice(1)) {
      if (authorised) answers.push(await send(operation, fuzzCase, authorised));
    }
    // Without a token only what is refused while the request is read gets past authentication, except on public routes.
    for (const fuzzCase of cases) {
      if (operation.isPublic || fuzzCase.beforeAuthentication)
        answers.push(await send(operation, fuzzCase, 'anonymous'));
    }
    return { operation, answers, authorised };
  }

  /** Runs `work` over `items`, `width` at a time. */
  async function pooled<T, R>(items: T[], width: number, work: (item: T) => Promise<R>): Promise<R[]> {
    const results: R[] = [];
    let next = 0;
    const lane = async () => {
      while (next < items.length) {
        const item = items[next++];
        results.push(await work(item));
      }
    };
    await Promise.all(Array.from({ length: width }, lane));
    return results;
  }

  it('holds for every operation and input, as an authorised and as an anonymous caller', async () => {
    expect(operations.length).toBeGreaterThanOrEqual(60);
    const logout = (operation: Operation) => operation.template === '/api/v1/auth/logout';
    const started = Date.now();
    const results = await pooled(
      operations.filter((operation) => !logout(operation)),
      8,
      fuzz,
    );
    // Logging out ends a caller's session, so it goes last.
    for (const candidate of CANDIDATES) {
      const me = await app.http.get('/api/v1/me', { token: tokenOf(candidate) });
      expect([candidate, me.status]).toEqual([candidate, 200]);
    }
    results.push(...(await pooled(operations.filter(logout), 1, fuzz)));
    const elapsed = Date.now() - started;
    const answers = results.flatMap((result) => result.answers);

    const wrong = answers
      .filter(({ response }) => {
        if (response.status >= 500) return true;
        if (response.status < 400) return false;
        const type = response.headers.get('content-type') ?? '';
        return !type.startsWith('application/problem+json') || response.body?.status !== response.status;
      })
      .map(
        ({ operation, fuzzCase, caller, probe, response }) =>
          `${caller} ${operation.method} ${operation.template} [${fuzzCase.name}] → ${response.status} ` +
          `${response.headers.get('content-type')} (sent ${probe.path.slice(0, 120)})`,
      );
    expect(wrong).toEqual([]);

    // Every operation was fuzzed by someone its policy lets in, so the inputs reached validation.
    const unreached = results
      .filter((result) => !result.authorised)
      .map(({ operation }) => `${operation.method} ${operation.template}`);
    expect(unreached).toEqual([]);
    process.stdout.write(`fuzzer: ${answers.length} requests in ${elapsed} ms\n`);
  });
});
