import { Tag } from '@digdir/designsystemet-react';
import { useT } from '../app/i18n';
import type { Referral } from './queries';

const COLOURS = {
  pending: 'warning',
  accepted: 'info',
  declined: 'neutral',
  in_progress: 'info',
  closed: 'success',
} as const;

/** A referral's status in words, with its outcome once closed. */
export function StatusTag({ referral }: { referral: Pick<Referral, 'status' | 'outcome'> }) {
  const t = useT();
  return (
    <Tag data-color={COLOURS[referral.status]}>
      {t(`referralStatus.${referral.status}`)}
      {referral.status === 'closed' && referral.outcome && `: ${t(`referralOutcome.${referral.outcome}`)}`}
    </Tag>
  );
}
