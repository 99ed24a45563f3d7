import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A referral's receipt: when someone of the receiving agency first opened it while it was pending,
 * and who; and when its coordinators were told nobody there had opened it in two working days. The partial index holds the pending referrals nobody there has opened yet, per agency in
 * order of sending: the inbox's count of them and the sweep that flags the ones left unseen read it.
 */
export class ReferralReceipt1796153731284 implements MigrationInterface {
  name = 'ReferralReceipt1796153731284';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "referrals" ADD "seen_at" TIMESTAMP(3) WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "referrals" ADD "seen_by_id" uuid`);
    await queryRunner.query(`ALTER TABLE "referrals" ADD "unseen_flagged_at" TIMESTAMP(3) WITH TIME ZONE`);
    await queryRunner.query(
      `ALTER TABLE "referrals" ADD CONSTRAINT "fk_referrals_seen_by" FOREIGN KEY ("seen_by_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_referrals_unseen" ON "referrals" ("to_agency_id", "created_at") WHERE "status" = 'pending' AND "seen_at" IS NULL`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."ix_referrals_unseen"`);
    await queryRunner.query(`ALTER TABLE "referrals" DROP CONSTRAINT "fk_referrals_seen_by"`);
    await queryRunner.query(`ALTER TABLE "referrals" DROP COLUMN "unseen_flagged_at"`);
    await queryRunner.query(`ALTER TABLE "referrals" DROP COLUMN "seen_by_id"`);
    await queryRunner.query(`ALTER TABLE "referrals" DROP COLUMN "seen_at"`);
  }
}
