import { Button, Paragraph, Textfield } from '@digdir/designsystemet-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { ApiError, api, call } from '../app/api';
import { useT } from '../app/i18n';
import { ProblemAlert } from '../app/problems';
import { useMe } from '../app/session';
import { workKey } from '../concerns/queries';
import { timeZoneOf } from '../concerns/format';
import { atTime, todayIn } from '../referrals/dates';
import { followUpsKey, type FollowUp } from '../referrals/queries';

/** Moving a follow-up's due date and time (its reminder follows); at the version read, so a stale one says so. */
export function MoveDue({ followUp }: { followUp: FollowUp }) {
  const t = useT();
  const me = useMe();
  const queryClient = useQueryClient();
  const timeZone = timeZoneOf(me);
  const [open, setOpen] = useState(false);
  const [date, setDate] = useState(todayIn(timeZone, new Date(followUp.dueAt)));
  const [time, setTime] = useState(
    new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(
      new Date(followUp.dueAt),
    ),
  );
  const [error, setError] = useState<string | null>(null);
  const move = useMutation({
    mutationFn: () =>
      call(
        api.PATCH('/api/v1/follow-ups/{id}', {
          params: { path: { id: followUp.id } },
          body: { dueAt: atTime(date, time, timeZone), version: followUp.version },
        }),
      ),
    onSuccess: () => {
      setOpen(false);
      void queryClient.invalidateQueries({ queryKey: followUpsKey });
      void queryClient.invalidateQueries({ queryKey: workKey });
    },
    onError: (failure) => {
      if (failure instanceof ApiError && failure.status === 422) setError(t('followUp.movePast'));
    },
  });
  const id = `move-${followUp.id}`;
  if (!open) {
    return (
      <Button data-size="sm" variant="tertiary" onClick={() => setOpen(true)}>
        {t('followUp.move')}
      </Button>
    );
  }
  function submit(event: FormEvent) {
    event.preventDefault();
    if (!date || !/^\d{2}:\d{2}$/.test(time)) {
      setError(t('followUp.dueRequired'));
      return;
    }
    setError(null);
    move.mutate();
  }
  return (
    <form className="field-row" noValidate onSubmit={submit} aria-label={t('followUp.moveTitle')}>
      <Textfield
        id={`${id}-date`}
        label={t('followUp.newDueDate')}
        type="date"
        value={date}
        onChange={(event) => setDate(event.target.value)}
        error={error ?? undefined}
      />
      <Textfield
        id={`${id}-time`}
        label={t('followUp.dueTime')}
        type="time"
        value={time}
        onChange={(event) => setTime(event.target.value)}
      />
      <Button type="submit" data-size="sm" loading={move.isPending}>
        {t('followUp.moveSave')}
      </Button>
      <Button type="button" data-size="sm" variant="tertiary" onClick={() => setOpen(false)}>
        {t('followUp.moveCancel')}
      </Button>
      {move.isError && !(move.error instanceof ApiError && move.error.status === 422) && (
        <div>
          <ProblemAlert
            error={move.error}
            onReload={() => void queryClient.invalidateQueries({ queryKey: followUpsKey })}
          />
        </div>
      )}
      {move.isSuccess && <Paragraph>{t('followUp.moved')}</Paragraph>}
    </form>
  );
}
