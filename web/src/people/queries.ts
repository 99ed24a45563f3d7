import { useQuery } from '@tanstack/react-query';
import { api, call, type Schemas } from '../app/api';

export type Person = Schemas['PersonDto'];
type PeopleFilter = { districtId?: string; agencyId?: string; role?: Person['roles'][number] };

export const peopleKey = ['people'] as const;

/** Pickers list everyone they offer: the directory read to its end, a page of 200 at a time. */
const MAX_PAGES = 10;

/** The people directory's colleagues matching the filter, by name (who the caller may see, the API decides). */
export function usePeople(filter: PeopleFilter, enabled = true) {
  return useQuery({
    queryKey: [...peopleKey, filter],
    enabled,
    staleTime: 60_000,
    queryFn: async () => {
      const people: Person[] = [];
      let cursor: string | undefined;
      for (let page = 0; page < MAX_PAGES; page++) {
        const answer = await call(
          api.GET('/api/v1/people', { params: { query: { ...filter, limit: 200, ...(cursor ? { cursor } : {}) } } }),
        );
        people.push(...answer.items);
        cursor = answer.nextCursor ?? undefined;
        if (!cursor) break;
      }
      return people;
    },
  });
}
