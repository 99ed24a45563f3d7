import { AppAbility, Action, SubjectType } from './ability';

/** A WHERE fragment with its own parameters, to add with `andWhere`. */
export interface AccessSql {
  sql: string;
  params: Record<string, unknown>;
}

/**
 * A field that is not a column but a fact about related rows (a concern shared with an
 * agency through a referral). Only equality is supported: `param` binds a value and
 * returns its placeholder.
 */
export type VirtualField = (value: unknown, param: (value: unknown) => string) => string;

/** Where the checked record sits in the query: its alias, and the column (or virtual field) behind each field a rule may name. */
export interface AccessTarget {
  alias: string;
  columns: Record<string, string | VirtualField>;
  /**
   * For lists read rule by rule: a rule that is only this virtual field reads its rows from
   * these branches instead (a table that has them in page order, joined to the record).
   */
  branches?: Record<string, (value: unknown, param: (value: unknown) => string) => AccessBranch[]>;
}

/** Rows in page order from another table than the record's own: joined on `on`, ordered by its `key` and `id` columns. */
export interface BranchSource {
  table: string;
  alias: string;
  on: string;
  key: string;
  id: string;
}

/** One access rule's rows: a condition, and where to read them in order when not from the record's own index. */
export interface AccessBranch extends AccessSql {
  via?: BranchSource;
}

interface AstNode {
  operator: string;
  field?: string;
  value: unknown;
}

let callCount = 0;

const COMPARISONS: Record<string, string> = { lt: '<', lte: '<=', gt: '>', gte: '>=' };

/**
 * Compiles CASL conditions (ucast AST) to SQL. Only known fields and operators: anything
 * else throws, so a rule this cannot express fails closed instead of matching everything.
 */
class Compiler {
  private count = 0;
  readonly params: Record<string, unknown> = {};

  constructor(
    private readonly target: AccessTarget,
    private readonly prefix: string,
  ) {}

  compile(node: AstNode): string {
    switch (node.operator) {
      case 'and':
      case 'or': {
        const parts = (node.value as AstNode[]).map((child) => this.compile(child));
        if (parts.length === 0) return node.operator === 'and' ? 'TRUE' : 'FALSE';
        return `(${parts.join(node.operator === 'and' ? ' AND ' : ' OR ')})`;
      }
      case 'not':
        return `NOT ${this.compile(node.value as AstNode)}`;
      default:
        return this.field(node);
    }
  }

  /** A rule as list branches: its own source where the rule is one virtual field that has branches, else its condition. */
  branches(node: AstNode): AccessBranch[] {
    const source = node.operator === 'eq' && node.field ? this.target.branches?.[node.field] : undefined;
    if (source) return source(node.value, (value) => this.param(value));
    return [{ sql: this.compile(node), params: this.params }];
  }

  private field(node: AstNode): string {
    const column = node.field === undefined ? undefined : this.target.columns[node.field];
    if (!column) throw new Error(`access rule names a field with no column: ${String(node.field)}`);
    if (typeof column === 'function') {
      if (node.operator !== 'eq')
        throw new Error(`access rule uses ${node.operator} on a virtual field: ${node.field}`);
      return column(node.value, (value) => this.param(value));
    }
    const qualified = `"${this.target.alias}"."${column}"`;
    const value = node.value;
    switch (node.operator) {
      case 'eq':
        return value === null ? `${qualified} IS NULL` : `${qualified} = ${this.param(value)}`;
      case 'ne':
        return value === null ? `${qualified} IS NOT NULL` : `${qualified} IS DISTINCT FROM ${this.param(value)}`;
      case 'in':
        return this.list(value).length === 0 ? 'FALSE' : `${qualified} IN (${this.param(value, true)})`;
      case 'nin':
        return this.list(value).length === 0 ? 'TRUE' : `${qualified} NOT IN (${this.param(value, true)})`;
      default: {
        const comparison = COMPARISONS[node.operator];
        if (!comparison)
          throw new Error(`access rule uses an operator this translator does not know: ${node.operator}`);
        return `${qualified} ${comparison} ${this.param(value)}`;
      }
    }
  }

  private list(value: unknown): unknown[] {
    if (!Array.isArray(value)) throw new Error('access rule: $in and $nin need a list');
    return value;
  }

  private param(value: unknown, spread = false): string {
    const name = `${this.prefix}_${this.count++}`;
    this.params[name] = value;
    return spread ? `:...${name}` : `:${name}`;
  }
}

/** The most values an `$in` on a column may have to be split into one branch per value. */
const MAX_SPLIT = 32;

/**
 * Splits a rule's `$in` on a column into one condition per value: `district IN (a, b)` can
 * only be read from an index in order one district at a time, so each becomes its own branch.
 */
function splitIn(ast: AstNode, target: AccessTarget): AstNode[] {
  const parts = ast.operator === 'and' ? (ast.value as AstNode[]) : [ast];
  const index = parts.findIndex(
    (part) =>
      part.operator === 'in' &&
      part.field !== undefined &&
      typeof target.columns[part.field] === 'string' &&
      Array.isArray(part.value) &&
      part.value.length <= MAX_SPLIT,
  );
  if (index < 0) return [ast];
  const split = parts[index];
  return (split.value as unknown[]).map((value) => {
    const rest = parts.map((part, at) => (at === index ? { operator: 'eq', field: split.field, value } : part));
    return rest.length === 1 ? rest[0] : { operator: 'and', value: rest };
  });
}

/**
 * The same rows as `accessSql`, as one condition per allowing rule (each with every forbidding
 * rule), so a list can read each rule's rows in index order, a page at most, and merge them
 * (CONVENTIONS 11) instead of one OR that makes PostgreSQL read everything any rule matches.
 * An empty list: nothing is allowed.
 */
export function accessBranches(
  ability: AppAbility,
  action: Action,
  subjectType: SubjectType,
  target: AccessTarget,
): AccessBranch[] {
  const compiler = new Compiler(target, `branch${callCount++}`);
  const allowed: AstNode[] = [];
  const forbidden: string[] = [];
  let unconditional = false;
  for (const rule of ability.rulesFor(action, subjectType)) {
    const ast = rule.ast as AstNode | undefined;
    if (!rule.conditions || !ast) {
      if (!rule.inverted) unconditional = true;
      break;
    }
    if (rule.inverted) forbidden.push(compiler.compile(ast));
    else allowed.push(...splitIn(ast, target));
  }
  const branches: AccessBranch[] = unconditional
    ? [{ sql: 'TRUE', params: {} }]
    : allowed.flatMap((ast) => compiler.branches(ast));
  return branches
    .filter((branch) => branch.sql !== 'FALSE')
    .map((branch) => ({
      ...branch,
      sql: [branch.sql, ...forbidden.map((not) => `NOT ${not}`)].join(' AND '),
      params: compiler.params,
    }));
}

/**
 * The SQL for "rows the ability lets the caller `action`", following CASL's own precedence
 * (as `rulesToQuery` does): the allowing rules are OR-ed, the forbidding ones AND-ed as NOT;
 * a forbidding rule without conditions ends the search. With `field`, only the rules that
 * grant that field count, so one can ask for "rows readable in full".
 */
export function accessSql(
  ability: AppAbility,
  action: Action,
  subjectType: SubjectType,
  target: AccessTarget,
  field?: string,
): AccessSql {
  const compiler = new Compiler(target, `access${callCount++}`);
  const allowed: string[] = [];
  const forbidden: string[] = [];
  let unconditional = false;
  for (const rule of ability.rulesFor(action, subjectType, field)) {
    const ast = rule.ast as AstNode | undefined;
    if (!rule.conditions || !ast) {
      if (!rule.inverted) unconditional = true;
      break;
    }
    (rule.inverted ? forbidden : allowed).push(compiler.compile(ast));
  }
  if (!unconditional && allowed.length === 0) return { sql: '1 = 0', params: {} };
  const parts = [unconditional ? 'TRUE' : `(${allowed.join(' OR ')})`, ...forbidden.map((sql) => `NOT ${sql}`)];
  return { sql: parts.join(' AND '), params: compiler.params };
}
