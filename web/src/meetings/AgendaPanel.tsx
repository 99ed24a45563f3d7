import { Alert, Button, Heading, Paragraph, Textfield } from '@digdir/designsystemet-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState, type DragEvent, type FormEvent } from 'react';
import { ApiError, api, call } from '../app/api';
import { fieldId, FormErrorSummary, useFieldErrors } from '../app/forms';
import { useT } from '../app/i18n';
import { Loading } from '../app/page';
import { ProblemAlert } from '../app/problems';
import { useFormat } from '../concerns/format';
import { AgendaItemBody, itemLabel } from './AgendaItemView';
import { agendaKey, meetingKey, useAgenda, type Agenda, type AgendaItem, type Meeting } from './queries';

/**
 * The agenda as this reader may see it, section by section. Before the start, the district's
 * coordinator generates it now, reorders items (by the move buttons — keyboard — or by dragging)
 * and adds items by hand; every move is announced in a live region.
 */
export function AgendaPanel({ meeting, editable }: { meeting: Meeting; editable: boolean }) {
  const t = useT();
  const format = useFormat();
  const queryClient = useQueryClient();
  const agenda = useAgenda(meeting.id);
  const [announcement, setAnnouncement] = useState('');
  const [dragged, setDragged] = useState<string | null>(null);
  const buttons = useRef(new Map<string, HTMLButtonElement | null>());
  const [focusTarget, setFocusTarget] = useState<string | null>(null);
  // After the moved agenda is shown (the buttons enabled or disabled for the item's new place).
  useEffect(() => {
    if (!focusTarget) return;
    buttons.current.get(focusTarget)?.focus();
    setFocusTarget(null);
  }, [focusTarget, agenda.data]);

  const settle = (next: Agenda) => {
    queryClient.setQueryData(agendaKey(meeting.id), next);
    void queryClient.invalidateQueries({ queryKey: meetingKey(meeting.id) });
  };
  const generate = useMutation({
    mutationFn: () => call(api.POST('/api/v1/meetings/{id}/agenda', { params: { path: { id: meeting.id } } })),
    onSuccess: (next) => {
      settle(next);
      setAnnouncement(t('agenda.generatedNow', { count: next.sections.flatMap((s) => s.items).length }));
    },
  });
  const move = useMutation({
    mutationFn: (input: { item: AgendaItem; position: number; via: 'up' | 'down' | 'drag' }) =>
      call(
        api.PATCH('/api/v1/meetings/{id}/agenda/items/{itemId}', {
          params: { path: { id: meeting.id, itemId: input.item.id } },
          body: { position: input.position },
        }),
      ),
    onSuccess: (next, { item, via }) => {
      settle(next);
      const section = next.sections.find((candidate) => candidate.items.some((other) => other.id === item.id));
      const moved = section?.items.find((other) => other.id === item.id);
      if (section && moved) {
        setAnnouncement(
          t('agenda.movedTo', {
            item: itemLabel(moved, t),
            position: moved.position,
            count: section.items.length,
            section: t(`agenda.section.${section.section}`),
          }),
        );
        // The focus stays with the item: on the same button, or the other one where this one is now at an end.
        if (via !== 'drag') {
          const atEnd = via === 'up' ? moved.position === 1 : moved.position === section.items.length;
          setFocusTarget(`${item.id}:${atEnd ? (via === 'up' ? 'down' : 'up') : via}`);
        }
      }
    },
  });

  function onDrop(event: DragEvent, target: AgendaItem) {
    event.preventDefault();
    const source = agenda.data?.sections.flatMap((s) => s.items).find((item) => item.id === dragged);
    setDragged(null);
    if (!source || source.id === target.id || source.section !== target.section) return;
    move.mutate({ item: source, position: target.position, via: 'drag' });
  }

  if (agenda.isPending) return <Loading />;
  if (agenda.isError) return <ProblemAlert error={agenda.error} onRetry={() => void agenda.refetch()} />;
  const data = agenda.data;
  const count = data.sections.reduce((sum, section) => sum + section.items.length, 0);
  return (
    <section aria-labelledby="agenda-title" className="stack">
      <Heading level={2} data-size="md" id="agenda-title">
        {t('agenda.title')}
      </Heading>
      <Paragraph data-size="sm">
        {data.frozenAt
          ? t('agenda.frozenAt', { time: format.dateTime(data.frozenAt, meeting.districtId) })
          : data.generatedAt
            ? t('agenda.generatedAt', { time: format.dateTime(data.generatedAt, meeting.districtId) })
            : t('agenda.notGenerated')}
      </Paragraph>
      <Paragraph data-size="sm">{t('agenda.redactionNote')}</Paragraph>
      <div role="status" aria-live="polite" className="ds-sr-only">
        {announcement}
      </div>
      {editable && (
        <div className="meeting-actions">
          <Button variant="secondary" loading={generate.isPending} onClick={() => generate.mutate()}>
            {t('agenda.generate')}
          </Button>
        </div>
      )}
      {generate.isError && <ProblemAlert error={generate.error} />}
      {move.isError && <ProblemAlert error={move.error} onReload={() => void agenda.refetch()} />}
      {editable && count > 1 && <Paragraph data-size="sm">{t('agenda.reorderHint')}</Paragraph>}
      {data.sections.map((section) => (
        <section key={section.section} aria-labelledby={`section-${section.section}`} className="agenda-section">
          <Heading level={3} data-size="xs" id={`section-${section.section}`}>
            {t(`agenda.section.${section.section}`)}
          </Heading>
          {section.items.length === 0 ? (
            <Paragraph data-size="sm">{t('agenda.sectionEmpty')}</Paragraph>
          ) : (
            <ol className="agenda-list">
              {section.items.map((item) => (
                <li
                  key={item.id}
                  className={dragged === item.id ? 'agenda-item dragging' : 'agenda-item'}
                  draggable={editable}
                  onDragStart={(event) => {
                    event.dataTransfer.effectAllowed = 'move';
                    event.dataTransfer.setData('text/plain', item.id);
                    setDragged(item.id);
                  }}
                  onDragEnd={() => setDragged(null)}
                  onDragOver={(event) => {
                    if (editable && dragged) event.preventDefault();
                  }}
                  onDrop={(event) => onDrop(event, item)}
                >
                  {editable && (
                    <span className="drag-handle" aria-hidden="true">
                      ⠿
                    </span>
                  )}
                  <AgendaItemBody item={item} districtId={meeting.districtId} />
                  {editable && section.items.length > 1 && (
                    <div className="move-buttons">
                      <Button
                        variant="tertiary"
                        data-size="sm"
                        ref={(element) => {
                          buttons.current.set(`${item.id}:up`, element);
                        }}
                        disabled={item.position === 1}
                        onClick={() => !move.isPending && move.mutate({ item, position: item.position - 1, via: 'up' })}
                      >
                        {t('agenda.moveUp', { item: itemLabel(item, t) })}
                      </Button>
                      <Button
                        variant="tertiary"
                        data-size="sm"
                        ref={(element) => {
                          buttons.current.set(`${item.id}:down`, element);
                        }}
                        disabled={item.position === section.items.length}
                        onClick={() =>
                          !move.isPending && move.mutate({ item, position: item.position + 1, via: 'down' })
                        }
                      >
                        {t('agenda.moveDown', { item: itemLabel(item, t) })}
                      </Button>
                    </div>
                  )}
                </li>
              ))}
            </ol>
          )}
        </section>
      ))}
      {editable && <AddItemForm meetingId={meeting.id} onAdded={settle} />}
    </section>
  );
}

const ADD_FIELDS = ['title'] as const;

/** An item by hand: the coordinator's words, under "other items". */
function AddItemForm({ meetingId, onAdded }: { meetingId: string; onAdded: (agenda: Agenda) => void }) {
  const t = useT();
  const form = 'add-item';
  const [title, setTitle] = useState('');
  const [added, setAdded] = useState<string | null>(null);
  const { errors, setErrors, fromProblem } = useFieldErrors(ADD_FIELDS);
  const labels = { title: t('agenda.addTitle') };
  const add = useMutation({
    mutationFn: () =>
      call(
        api.POST('/api/v1/meetings/{id}/agenda/items', {
          params: { path: { id: meetingId } },
          body: { title: title.trim() },
        }),
      ),
    onSuccess: (next) => {
      onAdded(next);
      setAdded(title.trim());
      setTitle('');
      setErrors({});
    },
    onError: (error) => {
      if (error instanceof ApiError && error.status < 500) fromProblem(error);
    },
  });
  function submit(event: FormEvent) {
    event.preventDefault();
    if (!title.trim()) {
      setErrors({ title: t('agenda.addTitleRequired') });
      return;
    }
    add.mutate();
  }
  return (
    <form className="stack" noValidate onSubmit={submit} aria-labelledby="add-item-heading">
      <Heading level={3} data-size="xs" id="add-item-heading">
        {t('agenda.add')}
      </Heading>
      <FormErrorSummary form={form} errors={errors} labels={labels} />
      {add.isError && !(add.error instanceof ApiError && add.error.problem.errors?.length) && (
        <ProblemAlert error={add.error} />
      )}
      <Textfield
        id={fieldId(form, 'title')}
        label={labels.title}
        value={title}
        onChange={(event) => setTitle(event.target.value)}
        error={errors.title}
      />
      <div>
        <Button type="submit" variant="secondary" loading={add.isPending}>
          {t('agenda.addSubmit')}
        </Button>
      </div>
      {added && (
        <Alert data-color="success" role="status">
          <Paragraph>{t('agenda.added', { title: added })}</Paragraph>
        </Alert>
      )}
    </form>
  );
}
