/** class-transformer helpers for DTOs: tidy free text before it is validated. */
export const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
