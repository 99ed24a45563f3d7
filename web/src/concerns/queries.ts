import { useQuery } from '@tanstack/react-query';
import { api, call, type Schemas } from '../app/api';

export type Work = Schemas['WorkDto'];

/** How often the unread count and the home page's counts are asked again while the app is open. */
export const WORK_POLL_MS = 30_000;

export const workKey = ['me', 'work'] as const;
export const concernsKey = ['concerns'] as const;
export const savedFiltersKey = ['saved-filters'] as const;
export const notificationsKey = ['notifications'] as const;

/** The home page's counts and the bell's unread count, in one request, asked again every half minute. */
export function useWork() {
  return useQuery({
    queryKey: workKey,
    queryFn: () => call(api.GET('/api/v1/me/work')),
    refetchInterval: WORK_POLL_MS,
  });
}

export function useConcern(id: string) {
  return useQuery({
    queryKey: [...concernsKey, 'one', id],
    staleTime: 0,
    queryFn: () => call(api.GET('/api/v1/concerns/{id}', { params: { path: { id } } })),
  });
}

export function useTimeline(id: string) {
  return useQuery({
    queryKey: [...concernsKey, 'timeline', id],
    staleTime: 0,
    queryFn: () => call(api.GET('/api/v1/concerns/{id}/timeline', { params: { path: { id } } })),
  });
}
