import { Button, Dialog, Heading, Paragraph } from '@digdir/designsystemet-react';
import { useEffect, useRef } from 'react';
import { useT } from './i18n';
import { useSession } from './session';

/** Before an idle session ends: a modal that says when, with "stay signed in". */
export function SessionWarning() {
  const t = useT();
  const { warningSeconds, staySignedIn, signOut } = useSession();
  const ref = useRef<HTMLDialogElement>(null);
  const open = warningSeconds !== null;

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);

  return (
    <Dialog ref={ref} closeButton={false} closedby="none" aria-labelledby="session-warning-title" role="alertdialog">
      <Dialog.Block>
        <Heading level={2} data-size="sm" id="session-warning-title">
          {t('session.warningTitle')}
        </Heading>
      </Dialog.Block>
      <Dialog.Block>
        <Paragraph>{t('session.warningBody', { seconds: warningSeconds ?? 0 })}</Paragraph>
        <div className="button-row">
          <Button onClick={() => void staySignedIn()}>{t('session.stay')}</Button>
          <Button variant="secondary" onClick={() => void signOut('signed-out')}>
            {t('session.signOutNow')}
          </Button>
        </div>
      </Dialog.Block>
    </Dialog>
  );
}
