import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { DummyValue, GenerateSql } from '../database/generate-sql';
import { InboxLastSeen } from './inbox-last-seen.entity';
import { Inbox } from './inbox-vocabulary';

/** Every query about when users last looked at their inboxes. A user's last look is theirs alone: every query names them. */
@Injectable()
export class InboxRepository {
  constructor(private readonly dataSource: DataSource) {}

  transaction<T>(work: (tx: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  /** When the user last looked at the inbox; null if never. */
  @GenerateSql({ params: [DummyValue.tx, DummyValue.UUID, 'referrals'] })
  async lastSeen(tx: EntityManager, userId: string, inbox: Inbox): Promise<Date | null> {
    const found = await tx.findOne(InboxLastSeen, { where: { userId, inbox } });
    return found?.seenAt ?? null;
  }

  /** The user looks at the inbox at `at`: one row per user and inbox, moved forward, never back. */
  @GenerateSql({ params: [DummyValue.tx, DummyValue.UUID, 'referrals', DummyValue.DATE] })
  async markSeen(tx: EntityManager, userId: string, inbox: Inbox, at: Date): Promise<Date> {
    const rows: { seen_at: Date }[] = await tx.query(
      `INSERT INTO inbox_last_seen (user_id, inbox, seen_at) VALUES ($1, $2, $3)
       ON CONFLICT (user_id, inbox) DO UPDATE SET seen_at = GREATEST(inbox_last_seen.seen_at, EXCLUDED.seen_at)
       RETURNING seen_at`,
      [userId, inbox, at],
    );
    return rows[0].seen_at;
  }
}
