import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { NotificationKind, NotificationResourceType } from './notification-kinds';

/** Something a user or a whole agency must be told. Ids only: the record says the rest to whoever may see it. */
@Entity('notifications')
@Index('ix_notifications_agency', ['recipientAgencyId', 'createdAt'])
@Index('ix_notifications_user', ['recipientUserId', 'createdAt'])
@Index('ix_notifications_created', ['createdAt'])
export class Notification {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid', nullable: true })
  recipientAgencyId!: string | null;

  @Column({ type: 'uuid', nullable: true })
  recipientUserId!: string | null;

  /** One of the catalogue's kinds (notification-kinds.ts). */
  @Column({ type: 'varchar', length: 60 })
  kind!: NotificationKind;

  @Column({ type: 'boolean', default: false })
  urgent!: boolean;

  /** The kind's resource type: the record it points at. */
  @Column({ type: 'varchar', length: 60 })
  resourceType!: NotificationResourceType;

  @Column({ type: 'uuid' })
  resourceId!: string;

  /** One delivery per key (for example `follow_up-<id>-remind-<version>`, the step's job id): a job run twice notifies once. */
  @Index('uq_notifications_delivery_key', { unique: true })
  @Column({ type: 'varchar', length: 200, nullable: true })
  deliveryKey!: string | null;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt!: Date;

  /** Set by the worker once delivered (follow-up issue). */
  @Column({ type: 'timestamptz', nullable: true })
  deliveredAt!: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  readAt!: Date | null;
}
