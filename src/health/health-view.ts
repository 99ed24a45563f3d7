import { HealthStatusDto } from './health-status.dto';

/** The answer of a probe that passed: each dependency's status (none for liveness). */
export function healthView(checks: Record<string, unknown> = {}): HealthStatusDto {
  return { status: 'ok', checks };
}
