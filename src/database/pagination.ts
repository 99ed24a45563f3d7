import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, isUUID, Max, Min } from 'class-validator';
import { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
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
    const position = decodeCursor(page.cursor);
    if (order.keyIsValid && !order.keyIsValid(position.key)) {
      throw new InvalidInputError('cursor is not one this service issued', [
        { field: 'cursor', message: 'invalid cursor' },
      ]);
    }
    query.andWhere(`(${alias}.${column}, ${alias}.id) ${direction === 'ASC' ? '>' : '<'} (:cursorKey, :cursorId)`, {
      cursorKey: position.key,
      cursorId: position.id,
    });
  }
  const rows = await query
    .orderBy(`${alias}.${column}`, direction)
    .addOrderBy(`${alias}.id`, direction)
    .take(page.limit + 1)
    .getMany();
  const items = rows.slice(0, page.limit);
  const last = items[items.length - 1];
  const nextCursor = rows.length > page.limit && last ? encodeCursor({ key: order.keyOf(last), id: last.id }) : null;
  return { items, nextCursor };
}
