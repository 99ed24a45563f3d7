import { ErrorSummary } from '@digdir/designsystemet-react';
import { useCallback, useState } from 'react';
import { ApiError } from './api';
import { useT } from './i18n';

export type FieldErrors = Record<string, string>;

/** The id of a field's input, so the error summary can link to it. */
export const fieldId = (form: string, field: string) => `${form}-${field}`;

/**
 * A form's errors by field: the ones the screen checks itself, and the API's problem document
 * (`errors[]`) mapped onto the same fields. An error for a field the form does not show goes to
 * `general`, so nothing the API said is lost.
 */
export function useFieldErrors(fields: readonly string[]) {
  const [errors, setErrors] = useState<FieldErrors>({});
  const fromProblem = useCallback(
    (error: unknown): boolean => {
      if (!(error instanceof ApiError) || !error.problem.errors?.length) return false;
      const mapped: FieldErrors = {};
      for (const problem of error.problem.errors) {
        const field = fields.includes(problem.field) ? problem.field : 'general';
        mapped[field] = mapped[field] ? `${mapped[field]}; ${problem.message}` : problem.message;
      }
      setErrors(mapped);
      return true;
    },
    [fields],
  );
  return { errors, setErrors, fromProblem, clear: useCallback(() => setErrors({}), []) };
}

/** The list of a form's errors above it, each a link to its field; it takes the focus when it appears. */
export function FormErrorSummary({
  form,
  errors,
  labels,
}: {
  form: string;
  errors: FieldErrors;
  labels: Record<string, string>;
}) {
  const t = useT();
  const entries = Object.entries(errors);
  if (entries.length === 0) return null;
  // The summary takes the focus when it is attached: a new set of errors is a new summary.
  return (
    <ErrorSummary key={JSON.stringify(errors)}>
      <ErrorSummary.Heading>{t('form.errorSummary')}</ErrorSummary.Heading>
      <ErrorSummary.List>
        {entries.map(([field, message]) => (
          <ErrorSummary.Item key={field}>
            <ErrorSummary.Link href={`#${fieldId(form, field)}`}>
              {labels[field] ? `${labels[field]}: ${message}` : message}
            </ErrorSummary.Link>
          </ErrorSummary.Item>
        ))}
      </ErrorSummary.List>
    </ErrorSummary>
  );
}
