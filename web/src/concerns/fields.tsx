import { Field, Label, Select, ValidationMessage } from '@digdir/designsystemet-react';

/** A labelled select with its error next to it (the design system's Select has no label of its own). */
export function SelectField({
  id,
  label,
  value,
  onChange,
  options,
  error,
  emptyLabel,
}: {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  options: readonly { value: string; label: string }[];
  error?: string;
  /** The first option, with no value: "choose" or "any". */
  emptyLabel?: string;
}) {
  return (
    <Field>
      <Label htmlFor={id}>{label}</Label>
      <Select
        id={id}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
      >
        {emptyLabel !== undefined && <Select.Option value="">{emptyLabel}</Select.Option>}
        {options.map((option) => (
          <Select.Option key={option.value} value={option.value}>
            {option.label}
          </Select.Option>
        ))}
      </Select>
      {error && <ValidationMessage id={`${id}-error`}>{error}</ValidationMessage>}
    </Field>
  );
}
