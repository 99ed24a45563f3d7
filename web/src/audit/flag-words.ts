import type { Schemas } from '../app/api';
import type { Words } from '../referrals/problem-words';

type Flag = Schemas['AccessFlagDto'];

/** Who and when, as the screen names them (the user's name, the window's ends formatted). */
export interface FlagNames {
  user: string;
  start: string;
  end: string;
}

/**
 * A flag in the auditor's words: one sentence saying what was counted in which window and the
 * threshold (or working hours and zone) it was judged by when it was raised. A flag raised before
 * these were kept gets the general sentence and a second saying the threshold was not recorded.
 * web/test/flag-words.spec.ts checks each kind.
 */
export function explainFlag(flag: Flag, names: FlagNames, t: Words): string[] {
  const values = { ...names, count: flag.count };
  if (flag.kind === 'outside_districts') return [t('audit.flag.outside_districts.explain', values)];
  if (flag.kind === 'out_of_hours' && flag.workingHours)
    return [
      t('audit.flag.out_of_hours.judged', {
        ...values,
        from: flag.workingHours.start,
        to: flag.workingHours.end,
        zone: flag.workingHours.timeZone,
      }),
    ];
  if (flag.kind !== 'out_of_hours' && flag.threshold !== null)
    return [t(`audit.flag.${flag.kind}.judged`, { ...values, threshold: flag.threshold, minutes: flag.windowMinutes })];
  return [t(`audit.flag.${flag.kind}.explain`, values), t('audit.flags.notRecorded')];
}
