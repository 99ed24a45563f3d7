import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, isUUID, Max, Min } from 'class-validator';
import { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { AccessBranch } from '../access/access-sql';
import { InvalidInputError } from '../http/domain-errors';

export class PageQuery {
  @ApiPropertyOptional({ minimum: 1, maximum: 200, default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit = 50;

  @ApiPropertyOptional({ description: 'The nextCursor of the previous page' })
  @IsOptional()
  @IsString()
  cursor?: string;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

interface CursorPosition {
  key: string;
  id: string;
}

function decodeCursor(cursor: string): CursorPosition {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      parsed &&
      typeof parsed === 'object' &&
      typeof (parsed as CursorPosition).key === 'string' &&
      typeof (parsed as CursorPosition).id === 'string' &&
      isUUID((parsed as CursorPosition).id)
    ) {
      return parsed as CursorPosition;
    }
  } catch {
    // fall through to the error below
  }
  throw new InvalidInputError('cursor is not one this service issued', [
    { field: 'cursor', message: 'invalid cursor' },
  ]);
}

function encodeCursor(position: CursorPosition): string {
  return Buffer.from(JSON.stringify(position), 'utf8').toString('base64url');
}

export interface PageOrder<T> {
  /** An entity property; trusted code, never input. */
  column: string;
  direction: 'ASC' | 'DESC';
  /** The row's value of `column`, as text PostgreSQL can compare it from. */
  keyOf: (row: T) => string;
  /** For keys that are not text: a cursor whose key fails this is refused, not sent to the database. */
  keyIsValid?: (key: string) => boolean;
}

/** An ISO time exactly as `toISOString` writes it. */
export const isIsoTime = (key: string) => !Number.isNaN(Date.parse(key)) && new Date(key).toISOString() === key;

/** A calendar date, YYYY-MM-DD, that exists. */
export const isIsoDate = (key: string) => /^\d{4}-\d{2}-\d{2}$/.test(key) && isIsoTime(`${key}T00:00:00.000Z`);

function validCursor<T>(cursor: string, order: PageOrder<T>): CursorPosition {
  const position = decodeCursor(cursor);
  if (order.keyIsValid && !order.keyIsValid(position.key)) {
    throw new InvalidInputError('cursor is not one this service issued', [
      { field: 'cursor', message: 'invalid cursor' },
    ]);
  }
  return position;
}

/** The rows after the cursor in the page's order: a row comparison the (column, id) index answers. */
function cursorCondition(key: string, id: string, direction: 'ASC' | 'DESC'): string {
  return `(${key}, ${id}) ${direction === 'ASC' ? '>' : '<'} (:cursorKey, :cursorId)`;
}

/**
 * Keyset pagination on (column, id): stable under inserts, and the planner can use an
 * index on (column, id). Timestamps used as keys need millisecond precision in the
 * database, so that the key read back equals the one stored.
 */
export async function paginate<T extends ObjectLiteral & { id: string }>(
  query: SelectQueryBuilder<T>,
  page: PageQuery,
  order: PageOrder<T>,
): Promise<Page<T>> {
  const alias = query.alias;
  const { column, direction } = order;
  if (page.cursor) {
    const position = validCursor(page.cursor, order);
    query.andWhere(cursorCondition(`${alias}.${column}`, `${alias}.id`, direction), {
      cursorKey: position.key,
      cursorId: position.id,
    });
  }
  query.orderBy(`${alias}.${column}`, direction).addOrderBy(`${alias}.id`, direction);
  return pageOf(await firstRows(query, page.limit + 1), page, order);
}

/**
 * LIMIT where every join is many-to-one (one row per record); TypeORM's `take`, which wraps the
 * query in a SELECT DISTINCT over all rows, only where a join can repeat a record.
 */
function firstRows<T extends ObjectLiteral>(query: SelectQueryBuilder<T>, count: number): Promise<T[]> {
  const repeats = query.expressionMap.joinAttributes.some(
    (join) => join.relation !== undefined && (join.relation.isOneToMany || join.relation.isManyToMany),
  );
  return (repeats ? query.take(count) : query.limit(count)).getMany();
}

function pageOf<T extends { id: string }>(rows: T[], page: PageQuery, order: PageOrder<T>): Page<T> {
  const items = rows.slice(0, page.limit);
  const last = items[items.length - 1];
  const nextCursor = rows.length > page.limit && last ? encodeCursor({ key: order.keyOf(last), id: last.id }) : null;
  return { items, nextCursor };
}

/** Where the rows of a branched page come from: one builder per access branch, of the entity's table alone. */
export interface PageBranches {
  /** The entity's table under the page's alias, with the page's filters (no joins, no access). */
  branch: () => SelectQueryBuilder<ObjectLiteral>;
  /** The access branches (`accessBranches`): each rule's rows, read from its own index. */
  access: AccessBranch[];
}

/**
 * A page of rows the caller may see, read rule by rule: each access branch reads at most a page
 * in index order from the cursor on, the branches are merged (a row two rules allow counts once)
 * and cut to the page, and only then are the page's rows loaded with their joins. The rows read
 * grow with the page and the number of rules, never with the table (CONVENTIONS 11).
 */
export async function paginateBranches<T extends ObjectLiteral & { id: string }>(
  query: SelectQueryBuilder<T>,
  branches: PageBranches,
  page: PageQuery,
  order: PageOrder<T>,
): Promise<Page<T>> {
  if (branches.access.length === 0) return { items: [], nextCursor: null };
  const alias = query.alias;
  const { column, direction } = order;
  const position = page.cursor ? validCursor(page.cursor, order) : undefined;
  const parameters: Record<string, unknown> = { pageLimit: page.limit + 1 };
  const selects = branches.access.map((access) => {
    // A branch read through another table takes that table's copy of the key, whose index has the page's order.
    const key = access.via ? `"${access.via.alias}"."${access.via.key}"` : `${alias}.${column}`;
    const id = access.via ? `"${access.via.alias}"."${access.via.id}"` : `${alias}.id`;
    const branch = branches.branch();
    if (access.via) branch.innerJoin(access.via.table, access.via.alias, access.via.on);
    branch
      .select(id, 'id')
      .addSelect(key, 'key')
      .andWhere(access.sql)
      .orderBy(key, direction)
      .addOrderBy(id, direction)
      .limit(page.limit + 1);
    if (position) branch.andWhere(cursorCondition(key, id, direction));
    Object.assign(parameters, branch.getParameters(), access.params);
    return `(${branch.getQuery()})`;
  });
  const merged = `SELECT "merged"."id" FROM (${selects.join(' UNION ')}) "merged" ORDER BY "merged"."key" ${direction}, "merged"."id" ${direction} LIMIT :pageLimit`;
  query
    .andWhere(`${alias}.id IN (${merged})`)
    .setParameters({ ...parameters, ...(position ? { cursorKey: position.key, cursorId: position.id } : {}) })
    .orderBy(`${alias}.${column}`, direction)
    .addOrderBy(`${alias}.id`, direction);
  return pageOf(await firstRows(query, page.limit + 1), page, order);
}
