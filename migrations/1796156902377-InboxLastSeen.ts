import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * When each user last looked at their inboxes (for now the case worker's referral inbox), kept on the server so
 * that what is new to them since follows them to a reload, another device and their next sign-in.
 */
export class InboxLastSeen1796156902377 implements MigrationInterface {
  name = 'InboxLastSeen1796156902377';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TYPE "public"."inbox_kind" AS ENUM('referrals')`);
    await queryRunner.query(
      `CREATE TABLE "inbox_last_seen" ("user_id" uuid NOT NULL, "inbox" "public"."inbox_kind" NOT NULL, "seen_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, CONSTRAINT "pk_inbox_last_seen" PRIMARY KEY ("user_id", "inbox"))`,
    );
    await queryRunner.query(
      `ALTER TABLE "inbox_last_seen" ADD CONSTRAINT "fk_inbox_last_seen_user" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "inbox_last_seen" DROP CONSTRAINT "fk_inbox_last_seen_user"`);
    await queryRunner.query(`DROP TABLE "inbox_last_seen"`);
    await queryRunner.query(`DROP TYPE "public"."inbox_kind"`);
  }
}
