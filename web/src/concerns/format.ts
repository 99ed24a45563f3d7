import { useCallback, useMemo } from 'react';
import type { Me } from '../app/api';
import { LOCALE_TAGS, useLocale, useT } from '../app/i18n';
import { useMe } from '../app/session';

/** Where a district's dates are read when the account does not say: the city's own zone. */
const DEFAULT_TIME_ZONE = 'Europe/Oslo';

/** The time zone of a district the signed-in person works in (the first of theirs when it is not one of them). */
export function timeZoneOf(me: Me, districtId?: string): string {
  const district = me.districts.find((candidate) => candidate.id === districtId) ?? me.districts[0];
  return district?.timeZone ?? DEFAULT_TIME_ZONE;
}

/**
 * Dates and times in the reader's language and the district's time zone; a date of birth as the
 * calendar date it is (no zone moves it); how long something has waited, in words.
 */
export function useFormat() {
  const { locale } = useLocale();
  const me = useMe();
  const t = useT();
  const tag = LOCALE_TAGS[locale];
  const dateTime = useCallback(
    (iso: string, districtId?: string) =>
      new Intl.DateTimeFormat(tag, {
        dateStyle: 'medium',
        timeStyle: 'short',
        timeZone: timeZoneOf(me, districtId),
      }).format(new Date(iso)),
    [tag, me],
  );
  const date = useCallback(
    (isoDate: string) =>
      new Intl.DateTimeFormat(tag, { dateStyle: 'long', timeZone: 'UTC' }).format(
        new Date(`${isoDate.slice(0, 10)}T00:00:00Z`),
      ),
    [tag],
  );
  const waited = useCallback(
    (iso: string, now: number) => {
      const minutes = Math.max(0, Math.floor((now - new Date(iso).getTime()) / 60_000));
      if (minutes < 60) return t('duration.minutes', { count: minutes });
      const hours = Math.floor(minutes / 60);
      if (hours < 48) return t('duration.hours', { count: hours });
      return t('duration.days', { count: Math.floor(hours / 24) });
    },
    [t],
  );
  return useMemo(() => ({ dateTime, date, waited }), [dateTime, date, waited]);
}

/** The name of one of the reader's districts, or nothing when it is not one of theirs. */
export function districtName(me: Me, districtId: string): string | undefined {
  return me.districts.find((district) => district.id === districtId)?.name;
}
