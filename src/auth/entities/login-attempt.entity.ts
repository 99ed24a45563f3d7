import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * Every password check, keyed by a keyed hash of the e-mail address typed, so lockout
 * works the same for accounts that do not exist and no typed address is stored.
 */
@Entity('login_attempts')
@Index('ix_login_attempts_account_time', ['accountKey', 'attemptedAt'])
export class LoginAttempt {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'char', length: 64 })
  accountKey!: string;

  @Column({ type: 'boolean' })
  succeeded!: boolean;

  @CreateDateColumn({ type: 'timestamptz' })
  attemptedAt!: Date;
}
