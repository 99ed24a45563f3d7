import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Retention and erasure: a subject can be anonymised (name, name key and date of birth gone, the birth year and
 * the pseudonym kept), a referral records when it ended (declined or closed) so its retention clock has a start,
 * and the retention job finds a subject's agenda items and old notifications through an index.
 */
export class Retention1796149756541 implements MigrationInterface {
  name = 'Retention1796149756541';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "subjects" ALTER COLUMN "full_name" DROP NOT NULL`);
    await queryRunner.query(`ALTER TABLE "subjects" ALTER COLUMN "name_key" DROP NOT NULL`);
    await queryRunner.query(`ALTER TABLE "subjects" ALTER COLUMN "date_of_birth" DROP NOT NULL`);
    await queryRunner.query(`ALTER TABLE "subjects" ADD "birth_year" smallint`);
    await queryRunner.query(`ALTER TABLE "subjects" ADD "anonymised_at" TIMESTAMP(3) WITH TIME ZONE`);
    await queryRunner.query(`UPDATE "subjects" SET "birth_year" = EXTRACT(YEAR FROM "date_of_birth")`);
    await queryRunner.query(
      `ALTER TABLE "subjects" ADD CONSTRAINT "ck_subjects_identity_or_anonymised" CHECK (("anonymised_at" IS NULL AND "full_name" IS NOT NULL AND "name_key" IS NOT NULL AND "date_of_birth" IS NOT NULL) OR ("anonymised_at" IS NOT NULL AND "full_name" IS NULL AND "name_key" IS NULL AND "date_of_birth" IS NULL AND "birth_year" IS NOT NULL))`,
    );
    await queryRunner.query(`ALTER TABLE "referrals" ADD "ended_at" TIMESTAMP(3) WITH TIME ZONE`);
    await queryRunner.query(
      `UPDATE "referrals" SET "ended_at" = "updated_at" WHERE "status" IN ('declined', 'closed')`,
    );
    await queryRunner.query(`CREATE INDEX "ix_agenda_items_concern" ON "agenda_items" ("concern_id") `);
    await queryRunner.query(`CREATE INDEX "ix_agenda_items_referral" ON "agenda_items" ("referral_id") `);
    await queryRunner.query(`CREATE INDEX "ix_notifications_created" ON "notifications" ("created_at") `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."ix_notifications_created"`);
    await queryRunner.query(`DROP INDEX "public"."ix_agenda_items_referral"`);
    await queryRunner.query(`DROP INDEX "public"."ix_agenda_items_concern"`);
    await queryRunner.query(`ALTER TABLE "referrals" DROP COLUMN "ended_at"`);
    await queryRunner.query(`ALTER TABLE "subjects" DROP CONSTRAINT "ck_subjects_identity_or_anonymised"`);
    await queryRunner.query(`ALTER TABLE "subjects" DROP COLUMN "anonymised_at"`);
    await queryRunner.query(`ALTER TABLE "subjects" DROP COLUMN "birth_year"`);
    await queryRunner.query(`ALTER TABLE "subjects" ALTER COLUMN "date_of_birth" SET NOT NULL`);
    await queryRunner.query(`ALTER TABLE "subjects" ALTER COLUMN "name_key" SET NOT NULL`);
    await queryRunner.query(`ALTER TABLE "subjects" ALTER COLUMN "full_name" SET NOT NULL`);
  }
}
