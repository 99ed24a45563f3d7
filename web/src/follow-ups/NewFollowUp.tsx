import { Button, Card, Heading, Paragraph, Textfield } from '@digdir/designsystemet-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { ApiError, api, call } from '../app/api';
import { fieldId, FormErrorSummary, useFieldErrors } from '../app/forms';
import { useT } from '../app/i18n';
import { ProblemAlert } from '../app/problems';
import { useMe } from '../app/session';
import { workKey } from '../concerns/queries';
import { timeZoneOf, useFormat } from '../concerns/format';
import { addDays, atTime, todayIn } from '../referrals/dates';
import { followUpsKey } from '../referrals/queries';

const FORM = 'follow-up';
const FIELDS = ['text', 'dueAt'] as const;

/** A follow-up on a referral, owned by the one who writes it, due on a day and time of the referral's district. */
export function NewFollowUp({ referralId, districtId }: { referralId: string; districtId: string }) {
  const t = useT();
  const me = useMe();
  const format = useFormat();
  const queryClient = useQueryClient();
  const timeZone = timeZoneOf(me, districtId);
  const [text, setText] = useState('');
  const [date, setDate] = useState(addDays(todayIn(timeZone), 7));
  const [time, setTime] = useState('09:00');
  const { errors, setErrors, fromProblem } = useFieldErrors(FIELDS);
  const labels = { text: t('followUp.text'), dueAt: t('followUp.dueDate') };
  const create = useMutation({
    mutationFn: () =>
      call(
        api.POST('/api/v1/follow-ups', {
          body: { referralId, ownerId: me.id, text: text.trim(), dueAt: atTime(date, time, timeZone) },
        }),
      ),
    onSuccess: () => {
      setText('');
      void queryClient.invalidateQueries({ queryKey: followUpsKey });
      void queryClient.invalidateQueries({ queryKey: workKey });
    },
    onError: (error) => fromProblem(error),
  });
  function submit(event: FormEvent) {
    event.preventDefault();
    const missing: Record<string, string> = {};
    if (!text.trim()) missing.text = t('followUp.textRequired');
    if (!date || !/^\d{2}:\d{2}$/.test(time)) missing.dueAt = t('followUp.dueRequired');
    setErrors(missing);
    if (Object.keys(missing).length === 0) create.mutate();
  }
  return (
    <Card data-color="neutral">
      <form className="stack" noValidate onSubmit={submit} aria-labelledby="follow-up-heading">
        <Heading level={2} data-size="sm" id="follow-up-heading">
          {t('followUp.newTitle')}
        </Heading>
        <FormErrorSummary form={FORM} errors={errors} labels={labels} />
        {create.isError && !(create.error instanceof ApiError && create.error.problem.errors?.length) && (
          <ProblemAlert error={create.error} onRetry={() => create.mutate()} />
        )}
        <Textfield
          id={fieldId(FORM, 'text')}
          label={labels.text}
          multiline
          rows={2}
          value={text}
          onChange={(event) => setText(event.target.value)}
          error={errors.text}
        />
        <div className="field-row">
          <Textfield
            id={fieldId(FORM, 'dueAt')}
            label={labels.dueAt}
            type="date"
            value={date}
            onChange={(event) => setDate(event.target.value)}
            error={errors.dueAt}
          />
          <Textfield
            id={fieldId(FORM, 'dueTime')}
            label={t('followUp.dueTime')}
            type="time"
            value={time}
            onChange={(event) => setTime(event.target.value)}
          />
        </div>
        <div aria-live="polite">
          {create.isSuccess && (
            <Paragraph>{t('followUp.created', { due: format.dateTime(create.data.dueAt, districtId) })}</Paragraph>
          )}
        </div>
        <div>
          <Button type="submit" variant="secondary" loading={create.isPending}>
            {t('followUp.create')}
          </Button>
        </div>
      </form>
    </Card>
  );
}
