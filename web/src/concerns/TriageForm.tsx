import { Button, Fieldset, Radio, Textfield, ValidationMessage } from '@digdir/designsystemet-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { ApiError, api, call } from '../app/api';
import { fieldId, FormErrorSummary, useFieldErrors } from '../app/forms';
import { useT } from '../app/i18n';
import { ProblemAlert } from '../app/problems';
import { concernsKey, workKey } from './queries';
import { TRIAGE_OUTCOMES, type TriageOutcome } from './vocabulary';

const FIELDS = ['outcome', 'note'] as const;

/**
 * Triage of one concern: guidance, refer or no further action, with a note. Keyboard first: the
 * outcomes are radio buttons (arrow keys), the note a text area, Enter on the button records it.
 */
export function TriageForm({
  concernId,
  autoFocus = false,
  onDone,
}: {
  concernId: string;
  autoFocus?: boolean;
  onDone?: (outcome: TriageOutcome) => void;
}) {
  const t = useT();
  const queryClient = useQueryClient();
  const form = `triage-${concernId}`;
  const [outcome, setOutcome] = useState<TriageOutcome | ''>('');
  const [note, setNote] = useState('');
  const { errors, setErrors, fromProblem } = useFieldErrors(FIELDS);
  const labels = { outcome: t('triage.legend'), note: t('triage.note') };
  const triage = useMutation({
    mutationFn: (chosen: TriageOutcome) =>
      call(
        api.POST('/api/v1/concerns/{id}/triage', {
          params: { path: { id: concernId } },
          body: { outcome: chosen, note: note.trim() },
        }),
      ),
    onSuccess: (_concern, chosen) => {
      void queryClient.invalidateQueries({ queryKey: concernsKey });
      void queryClient.invalidateQueries({ queryKey: workKey });
      onDone?.(chosen);
    },
    onError: (error) => {
      if (error instanceof ApiError && error.status < 500) fromProblem(error);
    },
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    const found: Record<string, string> = {};
    if (!outcome) found.outcome = t('triage.outcomeRequired');
    if (!note.trim()) found.note = t('triage.noteRequired');
    setErrors(found);
    if (outcome && Object.keys(found).length === 0) triage.mutate(outcome);
  }

  return (
    <form className="stack" noValidate onSubmit={submit} aria-label={t('triage.title')}>
      <FormErrorSummary form={form} errors={errors} labels={labels} />
      {triage.isError && !(triage.error instanceof ApiError && triage.error.problem.errors?.length) && (
        <ProblemAlert
          error={triage.error}
          onReload={() => void queryClient.invalidateQueries({ queryKey: concernsKey })}
        />
      )}
      <Fieldset id={fieldId(form, 'outcome')}>
        <Fieldset.Legend>{labels.outcome}</Fieldset.Legend>
        {TRIAGE_OUTCOMES.map((value, index) => (
          <Radio
            key={value}
            name={`${form}-outcome`}
            value={value}
            label={t(`outcome.${value}`)}
            checked={outcome === value}
            autoFocus={autoFocus && index === 0}
            onChange={() => setOutcome(value)}
          />
        ))}
        {errors.outcome && <ValidationMessage>{errors.outcome}</ValidationMessage>}
      </Fieldset>
      <Textfield
        id={fieldId(form, 'note')}
        label={labels.note}
        description={t('triage.noteHint')}
        multiline
        rows={3}
        value={note}
        onChange={(event) => setNote(event.target.value)}
        error={errors.note}
      />
      <div>
        <Button type="submit" loading={triage.isPending}>
          {t('triage.submit')}
        </Button>
      </div>
    </form>
  );
}
