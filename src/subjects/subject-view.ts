import { SubjectDto, SubjectLinkDto } from './dto/subject.dto';
import { isMinor } from './pseudonym';
import { Subject } from './subject.entity';
import { VisibleLink } from './subjects.service';

/** The answer for a subject: the identity fields are added only when the caller may see them. */
export function subjectView(subject: Subject, identityVisible: boolean, links?: VisibleLink[]): SubjectDto {
  const view: SubjectDto = {
    id: subject.id,
    pseudonym: subject.pseudonym,
    districtId: subject.districtId,
    isMinor: isMinor(subject.dateOfBirth),
    redacted: !identityVisible,
  };
  if (identityVisible) Object.assign(view, { fullName: subject.fullName, dateOfBirth: subject.dateOfBirth });
  if (links) view.links = links.map(linkView);
  return view;
}

function linkView({ id, createdAt, other }: VisibleLink): SubjectLinkDto {
  return {
    id,
    other: { id: other.id, pseudonym: other.pseudonym, districtId: other.districtId },
    createdAt: createdAt.toISOString(),
  };
}
