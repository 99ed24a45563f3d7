import { SubjectHitDto, SubjectMatch } from './dto/subject-search.dto';
import { SubjectHit } from './subject-search.repository';
import { subjectView } from './subject-view';

/** A hit as the caller may see it: the subject's view (identity only where allowed), and why it matched. */
export function subjectHitView(hit: SubjectHit, now: Date): SubjectHitDto {
  const matchedOn: SubjectMatch[] = [];
  if (hit.nameMatched) matchedOn.push('name');
  if (hit.dateOfBirthMatched) matchedOn.push('date_of_birth');
  return { ...subjectView(hit.subject, hit.identityVisible, now), matchedOn, similarity: hit.similarity };
}
