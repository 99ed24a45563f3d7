import { SubjectDto, SubjectLinkDto } from './dto/subject.dto';
import { isMinor } from './pseudonym';
import { SubjectLink } from './subject-link.entity';
import { Subject } from './subject.entity';

/** The answer for a subject: the identity fields are added only when the caller may see them. */
export function subjectView(subject: Subject, identityVisible: boolean, links?: SubjectLink[]): SubjectDto {
  const view: SubjectDto = {
    id: subject.id,
    pseudonym: subject.pseudonym,
    districtId: subject.districtId,
    isMinor: isMinor(subject.dateOfBirth),
    redacted: !identityVisible,
  };
  if (identityVisible) Object.assign(view, { fullName: subject.fullName, dateOfBirth: subject.dateOfBirth });
  if (links) view.links = links.map((link) => linkView(link, subject.id));
  return view;
}

function linkView(link: SubjectLink, fromId: string): SubjectLinkDto {
  const other = link.subjectId === fromId ? link.otherSubject! : link.subject!;
  return {
    id: link.id,
    other: { id: other.id, pseudonym: other.pseudonym, districtId: other.districtId },
    createdAt: link.createdAt.toISOString(),
  };
}
