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

/**
 * Keyset pagination ordered by a text column, then id: stable under inserts, and the
 * query planner can use an index on (column, id). `sortColumn` is trusted code, never input.
 */
export async function paginate<T extends ObjectLiteral & { id: string }>(
  query: SelectQueryBuilder<T>,
  page: PageQuery,
  sortColumn: string,
  sortKeyOf: (row: T) => string,
): Promise<Page<T>> {
  const alias = query.alias;
  if (page.cursor) {
    const position = decodeCursor(page.cursor);
    query.andWhere(`(${alias}.${sortColumn}, ${alias}.id) > (:cursorKey, :cursorId)`, {
      cursorKey: position.key,
      cursorId: position.id,
    });
  }
  const rows = await query
    .orderBy(`${alias}.${sortColumn}`, 'ASC')
    .addOrderBy(`${alias}.id`, 'ASC')
    .take(page.limit + 1)
    .getMany();
  const items = rows.slice(0, page.limit);
  const last = items[items.length - 1];
  const nextCursor = rows.length > page.limit && last ? encodeCursor({ key: sortKeyOf(last), id: last.id }) : null;
  return { items, nextCursor };
}
