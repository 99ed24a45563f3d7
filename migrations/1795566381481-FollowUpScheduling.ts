import { MigrationInterface, QueryRunner } from 'typeorm';

/** Follow-ups learn their reminder time, escalation level and version; notifications a unique delivery key. */

export class FollowUpScheduling1795566381481 implements MigrationInterface {
  name = 'FollowUpScheduling1795566381481';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "notifications" ADD "delivery_key" character varying(200)`);
    await queryRunner.query(`ALTER TABLE "follow_ups" ADD "created_by_id" uuid`);
    await queryRunner.query(`ALTER TABLE "follow_ups" ADD "district_id" uuid`);
    await queryRunner.query(`ALTER TABLE "follow_ups" ADD "remind_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL`);
    await queryRunner.query(`ALTER TABLE "follow_ups" ADD "escalation_level" integer NOT NULL DEFAULT '0'`);
    await queryRunner.query(`ALTER TABLE "follow_ups" ADD "closed_at" TIMESTAMP(3) WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "follow_ups" ADD "version" integer NOT NULL`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_notifications_delivery_key" ON "notifications" ("delivery_key") `);
    await queryRunner.query(`CREATE INDEX "ix_follow_ups_state_due" ON "follow_ups" ("state", "due_at") `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."ix_follow_ups_state_due"`);
    await queryRunner.query(`DROP INDEX "public"."uq_notifications_delivery_key"`);
    await queryRunner.query(`ALTER TABLE "follow_ups" DROP COLUMN "version"`);
    await queryRunner.query(`ALTER TABLE "follow_ups" DROP COLUMN "closed_at"`);
    await queryRunner.query(`ALTER TABLE "follow_ups" DROP COLUMN "escalation_level"`);
    await queryRunner.query(`ALTER TABLE "follow_ups" DROP COLUMN "remind_at"`);
    await queryRunner.query(`ALTER TABLE "follow_ups" DROP COLUMN "district_id"`);
    await queryRunner.query(`ALTER TABLE "follow_ups" DROP COLUMN "created_by_id"`);
    await queryRunner.query(`ALTER TABLE "notifications" DROP COLUMN "delivery_key"`);
  }
}
