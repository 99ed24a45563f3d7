import { GrantWithPseudonym } from './break-glass.repository';
import { BreakGlassGrantDto, BreakGlassGrantListDto } from './dto/break-glass.dto';

/** The answer for a grant: whose and which record (by pseudonym), why, until when, and its review. */
export function grantView(grant: GrantWithPseudonym): BreakGlassGrantDto {
  return {
    id: grant.id,
    userId: grant.userId,
    agencyId: grant.agencyId,
    resourceType: grant.resourceType,
    resourceId: grant.resourceId,
    pseudonym: grant.pseudonym,
    reasonCode: grant.reasonCode,
    justification: grant.justification,
    grantedAt: grant.grantedAt.toISOString(),
    expiresAt: grant.expiresAt.toISOString(),
    reviewedAt: grant.reviewedAt?.toISOString() ?? null,
    reviewOutcome: grant.reviewOutcome,
    reviewNote: grant.reviewNote,
  };
}

export function grantListView(grants: GrantWithPseudonym[]): BreakGlassGrantListDto {
  return { items: grants.map(grantView) };
}
