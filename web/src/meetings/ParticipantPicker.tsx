import { Checkbox, Fieldset, ValidationMessage } from '@digdir/designsystemet-react';
import { useT } from '../app/i18n';
import { Loading } from '../app/page';
import { ProblemAlert } from '../app/problems';
import { usePeople } from '../people/queries';

export interface Person {
  id: string;
  name: string;
  agencyName: string;
}

/** Checkboxes of the district's people to invite (the directory's), each with their agency (whose view of the cases they get). */
export function ParticipantPicker({
  id,
  districtId,
  others = [],
  chosen,
  onChange,
  error,
}: {
  id: string;
  districtId: string;
  /** Chosen earlier but not among the district's people now: still listed, so they can be kept or removed. */
  others?: Person[];
  chosen: string[];
  onChange: (ids: string[]) => void;
  error?: string;
}) {
  const t = useT();
  const directory = usePeople({ districtId }, districtId !== '');
  const people: Person[] = [
    ...(directory.data ?? []).map((person) => ({ id: person.id, name: person.name, agencyName: person.agency.name })),
    ...others.filter((other) => !directory.data?.some((person) => person.id === other.id)),
  ];
  return (
    <Fieldset id={id}>
      <Fieldset.Legend>{t('meetings.participants')}</Fieldset.Legend>
      <Fieldset.Description>{t('meetings.participantsHint')}</Fieldset.Description>
      {directory.isPending && districtId !== '' && <Loading />}
      {directory.isError && <ProblemAlert error={directory.error} onRetry={() => void directory.refetch()} />}
      {people.map((person) => (
        <Checkbox
          key={person.id}
          label={
            person.agencyName
              ? t('meetings.personWithAgency', { name: person.name, agency: person.agencyName })
              : person.name
          }
          value={person.id}
          checked={chosen.includes(person.id)}
          onChange={(event) =>
            onChange(event.target.checked ? [...chosen, person.id] : chosen.filter((other) => other !== person.id))
          }
        />
      ))}
      {error && <ValidationMessage>{error}</ValidationMessage>}
    </Fieldset>
  );
}
