import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { User } from '../users/user.entity';
import { Inbox, INBOXES } from './inbox-vocabulary';

/**
 * When a user last looked at one of their inboxes, kept on the server so that "new since I last looked"
 * follows them to a reload, another device and their next sign-in.
 */
@Entity('inbox_last_seen')
export class InboxLastSeen {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_inbox_last_seen' })
  userId!: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'fk_inbox_last_seen_user' })
  user?: User;

  @PrimaryColumn({
    type: 'enum',
    enum: INBOXES,
    enumName: 'inbox_kind',
    primaryKeyConstraintName: 'pk_inbox_last_seen',
  })
  inbox!: Inbox;

  @Column({ type: 'timestamptz', precision: 3 })
  seenAt!: Date;
}
