import { MigrationInterface, QueryRunner } from 'typeorm';

/** Anonymising a subject erases the words of its break-glass grants: an index finds them by subject. */
export class BreakGlassBySubject1796154416158 implements MigrationInterface {
  name = 'BreakGlassBySubject1796154416158';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX "ix_break_glass_subject" ON "break_glass_grants" ("subject_id") `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."ix_break_glass_subject"`);
  }
}
