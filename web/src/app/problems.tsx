import { Alert, Button, Paragraph } from '@digdir/designsystemet-react';
import { ApiError, NetworkError } from './api';
import { useT, type Translate } from './i18n';

/** What to tell a person about an error, in their language: never a blank screen, never a stack trace. */
export function describeError(error: unknown, t: Translate): string {
  if (error instanceof NetworkError) return t('error.network');
  if (!(error instanceof ApiError))
    return t('error.unexpected', { detail: error instanceof Error ? error.message : '' });
  switch (error.status) {
    case 403:
      return t('error.forbidden');
    case 404:
      return t('error.notFound');
    case 409:
      return describeConflict(error, t);
    case 429:
      return t('error.rateLimited');
    case 503:
      return t('error.unavailable');
    default:
      return t('error.unexpected', { detail: error.problem.detail });
  }
}

/** The last change of a record, as the 409 of a stale version names it (the reader's own timeline step). */
interface LastChange {
  at: string;
  redacted: boolean;
  actor?: { name: string; agencyName: string | null } | null;
}

/** A 409: who changed the record meanwhile, and when, where the API says so; else what it said. */
function describeConflict(error: ApiError, t: Translate): string {
  const last = (error.problem as { lastChange?: LastChange }).lastChange;
  if (!last) return t('error.conflict', { detail: error.problem.detail });
  const at = new Date(last.at).getTime();
  if (last.redacted || !last.actor) return t('error.conflictUnseen', { at });
  const { name, agencyName } = last.actor;
  return t('error.conflictBy', { who: agencyName ? `${name} (${agencyName})` : name, at });
}

/**
 * The one way a screen shows an error: network loss and 503 say nothing was recorded, a 409 offers to
 * reload (`onReload`), anything else says what the API said.
 */
export function ProblemAlert({
  error,
  onReload,
  onRetry,
}: {
  error: unknown;
  onReload?: () => void;
  onRetry?: () => void;
}) {
  const t = useT();
  const conflict = error instanceof ApiError && error.status === 409;
  const transient = error instanceof NetworkError || (error instanceof ApiError && error.status === 503);
  return (
    <Alert data-color={transient ? 'warning' : 'danger'} role="alert">
      <Paragraph>{describeError(error, t)}</Paragraph>
      {conflict && onReload && (
        <Button variant="secondary" onClick={onReload}>
          {t('error.conflictReload')}
        </Button>
      )}
      {transient && onRetry && (
        <Button variant="secondary" onClick={onRetry}>
          {t('error.retry')}
        </Button>
      )}
    </Alert>
  );
}
