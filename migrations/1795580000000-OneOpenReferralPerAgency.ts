import { MigrationInterface, QueryRunner } from 'typeorm';

/** A concern has at most one open referral to each agency; a second one is a duplicate (409). */
export class OneOpenReferralPerAgency1795580000000 implements MigrationInterface {
  name = 'OneOpenReferralPerAgency1795580000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    // Duplicates made before this index are for a coordinator to close, not for a migration to choose between.
    const [{ duplicates }] = await queryRunner.query(
      `SELECT count(*)::int AS duplicates FROM (SELECT 1 FROM "referrals" WHERE "status" IN ('pending', 'accepted', 'in_progress') GROUP BY "concern_id", "to_agency_id" HAVING count(*) > 1) d`,
    );
    if (duplicates > 0) {
      throw new Error(
        `${duplicates} concerns have two open referrals to the same agency: close the extra ones, then migrate again`,
      );
    }
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_referrals_open_per_agency" ON "referrals" ("concern_id", "to_agency_id") WHERE "status" IN ('pending', 'accepted', 'in_progress')`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."uq_referrals_open_per_agency"`);
  }
}
