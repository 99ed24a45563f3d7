import { subject as asSubject } from '@casl/ability';
import { permittedFieldsOf } from '@casl/ability/extra';
import type { Concern } from '../concerns/concern.entity';
import { AppAbility, CONCERN_FIELDS } from './ability';
import { concernVirtualValues } from './shares';

/**
 * A loaded concern as CASL checks it in memory: its columns, and its virtual fields (`sharedWith`,
 * `vitalInterest`) valued by the same definitions that write them as SQL (src/access/shares.ts).
 * `overrides` replaces virtual values, to ask what the caller would see without a share.
 */
export function concernForChecks(concern: Concern, overrides: Record<string, unknown> = {}) {
  return asSubject('Concern', { ...concern, ...concernVirtualValues(concern), ...overrides });
}

/** The fields of this concern the caller may read, from the CASL rules that match it. Expects its shares attached. */
export function readableFields(
  ability: AppAbility,
  concern: Concern,
  overrides: Record<string, unknown> = {},
): Set<string> {
  return new Set(
    permittedFieldsOf(ability, 'read', concernForChecks(concern, overrides), {
      fieldsFrom: (rule) => rule.fields ?? CONCERN_FIELDS,
    }),
  );
}
