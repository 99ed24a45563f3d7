import { Checkbox, Fieldset, ValidationMessage } from '@digdir/designsystemet-react';
import type { Me } from '../app/api';
import { useT } from '../app/i18n';
import type { Participant } from './queries';

export interface Person {
  id: string;
  name: string;
  agencyName: string;
}

/** The people a coordinator knows to invite: those of the district's meetings they can see, and themselves. */
export function knownPeople(
  meetings: { districtId: string; participants: Participant[] }[],
  districtId: string,
  me: Me,
): Person[] {
  const people = new Map<string, Person>();
  for (const meeting of meetings) {
    if (meeting.districtId !== districtId) continue;
    for (const participant of meeting.participants)
      people.set(participant.id, { id: participant.id, name: participant.name, agencyName: participant.agency.name });
  }
  if (!people.has(me.id)) people.set(me.id, { id: me.id, name: me.name, agencyName: me.agency.name });
  return [...people.values()].sort((a, b) => a.name.localeCompare(b.name));
}

/** Checkboxes of the people to invite, each with their agency (whose view of the cases they get). */
export function ParticipantPicker({
  id,
  people,
  chosen,
  onChange,
  error,
}: {
  id: string;
  people: Person[];
  chosen: string[];
  onChange: (ids: string[]) => void;
  error?: string;
}) {
  const t = useT();
  return (
    <Fieldset id={id}>
      <Fieldset.Legend>{t('meetings.participants')}</Fieldset.Legend>
      <Fieldset.Description>{t('meetings.participantsHint')}</Fieldset.Description>
      {people.map((person) => (
        <Checkbox
          key={person.id}
          label={t('meetings.personWithAgency', { name: person.name, agency: person.agencyName })}
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
