import { useRouteError } from 'react-router';
import { ApiError, NetworkError } from './api';
import { ProblemAlert } from './problems';

/**
 * What a screen shows when it cannot be shown: its code did not load (offline, or replaced by a newer version since
 * the page was opened) or it failed. Said in the reader's language, with a way to try again — never a blank page or
 * the router's own English error.
 */
export function ScreenError() {
  const error = useRouteError();
  const known = error instanceof ApiError || error instanceof NetworkError;
  return (
    <div className="centred">
      <ProblemAlert error={known ? error : new NetworkError()} onRetry={() => window.location.reload()} />
    </div>
  );
}
