import { useCallback } from 'react';
import { useIntl } from 'react-intl';
import { useSession } from './session';

/** Where a signed-in user has no district, dates are shown as in the city's own zone. */
export const DEFAULT_TIME_ZONE = 'Europe/Oslo';

/** The time zone dates are shown in: the record's district's, else the user's first district's. */
export function useTimeZone(districtTimeZone?: string): string {
  const { state } = useSession();
  if (districtTimeZone) return districtTimeZone;
  return state.status === 'signed-in' ? (state.me.districts[0]?.timeZone ?? DEFAULT_TIME_ZONE) : DEFAULT_TIME_ZONE;
}

/** Formats an ISO instant in the user's language and the given district's time zone. */
export function useFormatDateTime(districtTimeZone?: string) {
  const intl = useIntl();
  const timeZone = useTimeZone(districtTimeZone);
  return useCallback(
    (iso: string, options: Intl.DateTimeFormatOptions = { dateStyle: 'medium', timeStyle: 'short' }) =>
      intl.formatDate(iso, { ...options, timeZone }),
    [intl, timeZone],
  );
}

/** An instant on screen: readable in the user's language and the district's zone, exact for machines. */
export function DateTime({
  value,
  timeZone,
  dateOnly = false,
}: {
  value: string;
  timeZone?: string;
  dateOnly?: boolean;
}) {
  const format = useFormatDateTime(timeZone);
  return <time dateTime={value}>{format(value, dateOnly ? { dateStyle: 'medium' } : undefined)}</time>;
}
