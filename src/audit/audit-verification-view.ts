import { AuditVerification } from './audit-verification.entity';
import { AuditVerificationDto } from './dto/audit-verification.dto';

export function auditVerificationView(verification: AuditVerification): AuditVerificationDto {
  const iso = (date: Date | null) => date?.toISOString() ?? null;
  return {
    id: verification.id,
    state: verification.state,
    startedBy: verification.startedBy,
    createdAt: verification.createdAt.toISOString(),
    startedAt: iso(verification.startedAt),
    finishedAt: iso(verification.finishedAt),
    checked: verification.checked,
    total: verification.total,
    intact: verification.intact,
    firstBadEventId: verification.firstBadEventId,
    problem: verification.problem,
    checkpointsExternal: verification.checkpointsExternal,
    checkpointsChecked: verification.checkpointsChecked,
    lastCheckpoint:
      verification.checkpointSeq && verification.checkpointEventId && verification.checkpointHash
        ? {
            seq: Number(verification.checkpointSeq),
            eventId: verification.checkpointEventId,
            hash: verification.checkpointHash,
            sealedAt: iso(verification.checkpointSealedAt)!,
          }
        : null,
  };
}
