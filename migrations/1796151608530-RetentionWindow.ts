import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The retention run walks the subjects not yet anonymised by id, a window at a time: a partial index of them keeps
 * that walk to the living subjects, however many were anonymised before.
 */
export class RetentionWindow1796151608530 implements MigrationInterface {
  name = 'RetentionWindow1796151608530';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE INDEX "ix_subjects_not_anonymised" ON "subjects" ("id") WHERE "anonymised_at" IS NULL`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."ix_subjects_not_anonymised"`);
  }
}
