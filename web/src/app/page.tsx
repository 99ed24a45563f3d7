import { Heading, Spinner } from '@digdir/designsystemet-react';
import { useEffect, type ReactNode } from 'react';
import { useT } from './i18n';

/** A screen: its title in the tab (screen readers announce it on navigation) and its one h1. */
export function Page({ title, children }: { title: string; children: ReactNode }) {
  const t = useT();
  useEffect(() => {
    document.title = `${title} – ${t('app.name')}`;
  }, [title, t]);
  return (
    <div className="page">
      <Heading level={1} data-size="lg">
        {title}
      </Heading>
      {children}
    </div>
  );
}

export function Loading() {
  const t = useT();
  return (
    <div className="loading">
      <Spinner aria-label={t('app.loading')} />
    </div>
  );
}
