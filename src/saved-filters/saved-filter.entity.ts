import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import { User } from '../users/user.entity';
import { SAVED_FILTER_RESOURCES, SavedFilterResource } from './saved-filter-vocabulary';

/**
 * A user's saved filter of a list, kept on the server so it follows them to another computer;
 * pinned, it is a work queue whose count the home page shows. `lastSeenAt` is when its owner last
 * looked at the queue: what was logged or changed since is new to them.
 */
@Entity('saved_filters')
@Index('ix_saved_filters_owner_created', ['ownerId', 'createdAt'])
@Index('uq_saved_filters_owner_name', ['ownerId', 'name'], { unique: true })
export class SavedFilter {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  ownerId!: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'owner_id', foreignKeyConstraintName: 'fk_saved_filters_owner' })
  owner?: User;

  @Column({ type: 'varchar', length: 100 })
  name!: string;

  @Column({ type: 'enum', enum: SAVED_FILTER_RESOURCES, enumName: 'saved_filter_resource' })
  resource!: SavedFilterResource;

  /** The list's filters, validated as the list validates them (ids and words of the vocabulary, never free text). */
  @Column({ type: 'jsonb' })
  query!: Record<string, string>;

  @Column({ type: 'boolean', default: false })
  pinned!: boolean;

  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  lastSeenAt!: Date | null;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz', precision: 3 })
  updatedAt!: Date;
}
