import type { Bind } from '../access/shares';
import type { ConcernFilterDto } from './dto/concern.dto';

/** The list's filters as the queries take them: `reporter=me` already turned into the caller's id. */
export type ConcernFilter = Pick<ConcernFilterDto, 'status' | 'districtId' | 'category' | 'riskLevel' | 'subjectId'> & {
  reporterId?: string;
};

/** A saved or sent filter for `caller`: `reporter=me` names them. */
export function concernFilterFor(filter: ConcernFilterDto, callerId: string): ConcernFilter {
  const { status, districtId, category, riskLevel, subjectId } = filter;
  return {
    status,
    districtId,
    category,
    riskLevel,
    subjectId,
    ...(filter.reporter === 'me' ? { reporterId: callerId } : {}),
  };
}

const COLUMNS: Record<keyof ConcernFilter, string> = {
  status: 'status',
  districtId: 'district_id',
  category: 'category',
  riskLevel: 'risk_level',
  subjectId: 'subject_id',
  reporterId: 'reporter_id',
};

/**
 * The concerns list's filters as SQL on the concern of `alias`, written once: the list, and the home
 * page's count of each pinned saved filter, use it. `TRUE` when nothing is filtered.
 */
export function concernFilterSql(alias: string, filter: ConcernFilter, param: Bind): string {
  const parts = (Object.keys(COLUMNS) as (keyof ConcernFilter)[])
    .filter((field) => filter[field] !== undefined && filter[field] !== null)
    .map((field) => `"${alias}"."${COLUMNS[field]}" = ${param(filter[field])}`);
  return parts.length === 0 ? 'TRUE' : parts.join(' AND ');
}
