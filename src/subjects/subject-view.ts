import { CreatedSubjectDto, SubjectCandidateDto, SubjectDto, SubjectLinkDto } from './dto/subject.dto';
import { isMinor, isMinorByYear } from './pseudonym';
import { Subject } from './subject.entity';
import { VisibleLink } from './subjects.repository';

/**
 * The answer for a subject at `now` (the Clock's, for whether it is a minor): the identity fields
 * are added only when the caller may see them. An anonymised subject has none to add: it shows by
 * pseudonym, with its birth year, and whether it is a minor is judged from the year.
 */
export function subjectView(subject: Subject, identityVisible: boolean, now: Date, links?: VisibleLink[]): SubjectDto {
  const view: SubjectDto = {
    id: subject.id,
    pseudonym: subject.pseudonym,
    districtId: subject.districtId,
    isMinor: subject.dateOfBirth ? isMinor(subject.dateOfBirth, now) : isMinorByYear(subject.birthYear!, now),
    redacted: !identityVisible,
    anonymised: subject.anonymisedAt !== null,
  };
  if (subject.anonymisedAt) view.birthYear = subject.birthYear!;
  else if (identityVisible) Object.assign(view, { fullName: subject.fullName, dateOfBirth: subject.dateOfBirth });
  if (links) view.links = links.map(linkView);
  return view;
}

/** A link as seen from one of its subjects: the other one by pseudonym only. */
export function linkView({ id, createdAt, other }: VisibleLink): SubjectLinkDto {
  return {
    id,
    other: candidateView(other),
    createdAt: createdAt.toISOString(),
  };
}

/** A subject named without its identity: a possible duplicate, the other end of a link. */
export function candidateView(subject: Subject): SubjectCandidateDto {
  return { id: subject.id, pseudonym: subject.pseudonym, districtId: subject.districtId };
}

/** The answer to registering a subject: who it is (the caller registered it), and who it might already be. */
export function createdSubjectView(subject: Subject, possibleDuplicates: Subject[], now: Date): CreatedSubjectDto {
  return { ...subjectView(subject, true, now), possibleDuplicates: possibleDuplicates.map(candidateView) };
}
