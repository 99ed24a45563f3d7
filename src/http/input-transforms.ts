/** class-transformer helpers for DTOs: tidy free text before it is validated. */
export const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

/** Query-string booleans: 'true' and 'false' become booleans; anything else is left for validation to refuse. */
export const toBoolean = ({ value }: { value: unknown }) =>
  value === 'true' ? true : value === 'false' ? false : value;
