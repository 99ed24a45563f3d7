import { MigrationInterface, QueryRunner } from 'typeorm';

/** Indexes (and the vital-interest share kept on the concern) that let each access rule and a forum's candidates read a page, not a district. */
export class ReadsAtScale1795610000000 implements MigrationInterface {
  name = 'ReadsAtScale1795610000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE INDEX "ix_concerns_district_classification_created" ON "concerns" ("district_id", "classification", "created_at") `,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_concerns_district_referred" ON "concerns" ("district_id", "triaged_at") WHERE "triage_outcome" = 'refer'`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_follow_ups_district_open_due" ON "follow_ups" ("district_id", "due_at") WHERE "state" = 'open'`,
    );
    // Each referral keeps its concern's creation time, so an agency's shares are read in the concerns' order.
    await queryRunner.query(`ALTER TABLE "referrals" ADD "concern_created_at" TIMESTAMP(3) WITH TIME ZONE`);
    await queryRunner.query(
      `UPDATE "referrals" SET "concern_created_at" = "concerns"."created_at" FROM "concerns" WHERE "concerns"."id" = "referrals"."concern_id"`,
    );
    await queryRunner.query(`ALTER TABLE "referrals" ALTER COLUMN "concern_created_at" SET NOT NULL`);
    await queryRunner.query(
      `CREATE INDEX "ix_referrals_open_shares" ON "referrals" ("to_agency_id", "concern_created_at", "concern_id") WHERE "status" IN ('pending', 'accepted', 'in_progress')`,
    );
    await queryRunner.query(`CREATE INDEX "ix_referrals_subject" ON "referrals" ("subject_id") `);
    // Whether an open referral shares the concern on vital interest, kept with its stage from now on.
    await queryRunner.query(`ALTER TABLE "concerns" ADD "referred_on_vital_interest" boolean NOT NULL DEFAULT false`);
    await queryRunner.query(
      `UPDATE "concerns" SET "referred_on_vital_interest" = true WHERE "id" IN (SELECT "concern_id" FROM "referrals" WHERE "legal_basis" = 'vital_interest' AND "status" IN ('pending', 'accepted', 'in_progress'))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_concerns_district_vital_interest" ON "concerns" ("district_id", "created_at") WHERE "referred_on_vital_interest"`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."ix_referrals_subject"`);
    await queryRunner.query(`DROP INDEX "public"."ix_referrals_open_shares"`);
    await queryRunner.query(`ALTER TABLE "referrals" DROP COLUMN "concern_created_at"`);
    await queryRunner.query(`DROP INDEX "public"."ix_concerns_district_vital_interest"`);
    await queryRunner.query(`ALTER TABLE "concerns" DROP COLUMN "referred_on_vital_interest"`);
    await queryRunner.query(`DROP INDEX "public"."ix_follow_ups_district_open_due"`);
    await queryRunner.query(`DROP INDEX "public"."ix_concerns_district_referred"`);
    await queryRunner.query(`DROP INDEX "public"."ix_concerns_district_classification_created"`);
  }
}
