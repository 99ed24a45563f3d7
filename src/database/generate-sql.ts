import 'reflect-metadata';

/**
 * Generated SQL: every public repository method that reads or writes data carries
 * `@GenerateSql({ params: [...] })` with representative arguments (the test fails on one that does
 * not, unless it is on its short, reasoned exemption list: transaction helpers, saves whose SQL only
 * the change decides, SQL fragments sent by a decorated method).
 * `test/e2e/generated-sql.e2e-spec.ts` calls each decorated method with those params inside a
 * rolled-back transaction against a migrated, empty database, captures the SQL it emits and
 * compares it with the committed `src/queries/<repository file name>.sql`
 * (`UPDATE_GENERATED=1 npx jest test/e2e/generated-sql` rewrites them), so a reviewer sees every
 * query the code can run.
 *
 * Several decorators on one method are several variants; give each a `name`.
 */
export interface GenerateSqlOptions {
  /** The variant's name, when a method has more than one (e.g. `as a coordinator`, `next page`). */
  name?: string;
  /** The method's arguments: plain values, or the `DummyValue` sentinels the generator replaces. */
  params: unknown[];
}

const GENERATE_SQL = Symbol('generate-sql');

/** Marks a repository method for the generated-SQL files; stack it for several variants. */
export function GenerateSql(options: GenerateSqlOptions): MethodDecorator {
  return (target, propertyKey) => {
    const existing = (Reflect.getMetadata(GENERATE_SQL, target, propertyKey) as GenerateSqlOptions[] | undefined) ?? [];
    // Decorators apply bottom-up: prepend so the variants read in source order.
    Reflect.defineMetadata(GENERATE_SQL, [options, ...existing], target, propertyKey);
  };
}

/** The variants declared on one method of a repository's prototype, in source order ([] when undecorated). */
export function generateSqlVariants(prototype: object, method: string | symbol): GenerateSqlOptions[] {
  return (Reflect.getMetadata(GENERATE_SQL, prototype, method) as GenerateSqlOptions[] | undefined) ?? [];
}

/** Every decorated method of a repository class, in declaration order. */
export function generateSqlMethods(
  repository: abstract new (...args: never[]) => unknown,
): { method: string; variants: GenerateSqlOptions[] }[] {
  const prototype = repository.prototype as object;
  return Object.getOwnPropertyNames(prototype)
    .filter((method) => method !== 'constructor')
    .map((method) => ({ method, variants: generateSqlVariants(prototype, method) }))
    .filter(({ variants }) => variants.length > 0);
}

/** "Pass the rolled-back transaction's EntityManager here." */
export class DummyTransaction {
  toString(): string {
    return 'DummyValue.tx';
  }
}

/** The representative callers the generator turns into abilities with the real ability factory. */
export const DUMMY_CALLER_KINDS = ['coordinator', 'caseWorker', 'police', 'reporter', 'auditor', 'admin'] as const;
export type DummyCallerKind = (typeof DUMMY_CALLER_KINDS)[number];

/** "Pass the ability of this representative caller here." */
export class DummyCaller {
  constructor(readonly kind: DummyCallerKind) {}
  toString(): string {
    return `DummyValue.caller.${this.kind}`;
  }
}

const callers = Object.fromEntries(DUMMY_CALLER_KINDS.map((kind) => [kind, new DummyCaller(kind)])) as {
  readonly [K in DummyCallerKind]: DummyCaller;
};

/** Fixed arguments for generating SQL: the same every run, so the files only change with the code. */
export const DummyValue = {
  UUID: '00000000-0000-4000-8000-000000000001',
  UUID_SET: ['00000000-0000-4000-8000-000000000001'],
  DATE: new Date('2026-01-01T00:00:00.000Z'),
  STRING: 'abc',
  NUMBER: 50,
  BOOLEAN: true,
  /** Replaced with the EntityManager of the generator's rolled-back transaction. */
  tx: new DummyTransaction(),
  /**
   * Replaced with an ability from the real ability factory for a fixed actor: a district coordinator,
   * a case worker at a social-services agency, a case worker at a police agency, a reporter at a school,
   * an auditor and an admin.
   */
  caller: callers,
} as const;
