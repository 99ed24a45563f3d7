import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Meetings (forums and case conferences) with participants, forum series, agenda items (a
 * snapshot once the meeting starts) and minutes; districts get a time zone, follow-ups the
 * minute whose action item they are.
 */

export class MeetingsAndAgendas1795570592540 implements MigrationInterface {
  name = 'MeetingsAndAgendas1795570592540';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TYPE "public"."meeting_kind" AS ENUM('forum', 'case_conference')`);
    await queryRunner.query(
      `CREATE TABLE "meetings" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "district_id" uuid NOT NULL, "kind" "public"."meeting_kind" NOT NULL, "starts_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, "time_zone" character varying(64) NOT NULL, "duration_minutes" integer NOT NULL, "location" character varying(300), "series_id" uuid, "series_date" date, "created_by_id" uuid, "agenda_generated_at" TIMESTAMP(3) WITH TIME ZONE, "agenda_frozen_at" TIMESTAMP(3) WITH TIME ZONE, "version" integer NOT NULL, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_aa73be861afa77eb4ed31f3ed57" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_meetings_series_date" ON "meetings" ("series_id", "series_date") `,
    );
    await queryRunner.query(`CREATE INDEX "ix_meetings_district_start" ON "meetings" ("district_id", "starts_at") `);
    await queryRunner.query(
      `CREATE TABLE "meeting_participants" ("meeting_id" uuid NOT NULL, "user_id" uuid NOT NULL, "attended" boolean, CONSTRAINT "PK_1bb0b6aa22bca1e77bfcafb6c38" PRIMARY KEY ("meeting_id", "user_id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_meeting_participants_user" ON "meeting_participants" ("user_id") `);
    await queryRunner.query(
      `CREATE TYPE "public"."agenda_section" AS ENUM('new_concerns', 'referrals_due', 'overdue_follow_ups', 'other')`,
    );
    await queryRunner.query(`CREATE TYPE "public"."agenda_item_source" AS ENUM('generated', 'manual')`);
    await queryRunner.query(
      `CREATE TABLE "agenda_items" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "meeting_id" uuid NOT NULL, "section" "public"."agenda_section" NOT NULL, "source" "public"."agenda_item_source" NOT NULL, "title" character varying(300), "concern_id" uuid, "referral_id" uuid, "follow_up_id" uuid, "risk_level" "public"."risk_level", "opened_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, "hand_position" integer, "hand_moved_at" TIMESTAMP(3) WITH TIME ZONE, "position" integer NOT NULL, "snapshot" jsonb, "created_by_id" uuid, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_7274c40301175b4b4b347820d0c" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_agenda_items_meeting" ON "agenda_items" ("meeting_id", "section", "position") `,
    );
    await queryRunner.query(
      `CREATE TABLE "meeting_minutes" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "meeting_id" uuid NOT NULL, "agenda_item_id" uuid, "decision" text NOT NULL, "position" integer NOT NULL, "recorded_by_id" uuid NOT NULL, "recorded_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_131d742848db3ee132d63b25ecd" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_meeting_minutes_meeting" ON "meeting_minutes" ("meeting_id", "recorded_at") `,
    );
    await queryRunner.query(
      `CREATE TABLE "forum_series" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "district_id" uuid NOT NULL, "rule" character varying(60) NOT NULL, "time_zone" character varying(64) NOT NULL, "duration_minutes" integer NOT NULL, "location" character varying(300), "participant_ids" uuid array NOT NULL, "created_by_id" uuid NOT NULL, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_8e5280b23542ce2eaaab4c4c036" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_forum_series_district" ON "forum_series" ("district_id") `);
    await queryRunner.query(
      `ALTER TABLE "districts" ADD "time_zone" character varying(64) NOT NULL DEFAULT 'Europe/Oslo'`,
    );
    await queryRunner.query(`ALTER TABLE "follow_ups" ADD "minute_id" uuid`);
    await queryRunner.query(`CREATE INDEX "ix_follow_ups_minute" ON "follow_ups" ("minute_id") `);
    await queryRunner.query(
      `ALTER TABLE "meetings" ADD CONSTRAINT "fk_meetings_district" FOREIGN KEY ("district_id") REFERENCES "districts"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "meeting_participants" ADD CONSTRAINT "fk_meeting_participants_meeting" FOREIGN KEY ("meeting_id") REFERENCES "meetings"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "meeting_participants" ADD CONSTRAINT "fk_meeting_participants_user" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "agenda_items" ADD CONSTRAINT "fk_agenda_items_meeting" FOREIGN KEY ("meeting_id") REFERENCES "meetings"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "meeting_minutes" ADD CONSTRAINT "fk_meeting_minutes_meeting" FOREIGN KEY ("meeting_id") REFERENCES "meetings"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "meeting_minutes" ADD CONSTRAINT "fk_meeting_minutes_agenda_item" FOREIGN KEY ("agenda_item_id") REFERENCES "agenda_items"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "forum_series" ADD CONSTRAINT "fk_forum_series_district" FOREIGN KEY ("district_id") REFERENCES "districts"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "forum_series" DROP CONSTRAINT "fk_forum_series_district"`);
    await queryRunner.query(`ALTER TABLE "meeting_minutes" DROP CONSTRAINT "fk_meeting_minutes_agenda_item"`);
    await queryRunner.query(`ALTER TABLE "meeting_minutes" DROP CONSTRAINT "fk_meeting_minutes_meeting"`);
    await queryRunner.query(`ALTER TABLE "agenda_items" DROP CONSTRAINT "fk_agenda_items_meeting"`);
    await queryRunner.query(`ALTER TABLE "meeting_participants" DROP CONSTRAINT "fk_meeting_participants_user"`);
    await queryRunner.query(`ALTER TABLE "meeting_participants" DROP CONSTRAINT "fk_meeting_participants_meeting"`);
    await queryRunner.query(`ALTER TABLE "meetings" DROP CONSTRAINT "fk_meetings_district"`);
    await queryRunner.query(`DROP INDEX "public"."ix_follow_ups_minute"`);
    await queryRunner.query(`ALTER TABLE "follow_ups" DROP COLUMN "minute_id"`);
    await queryRunner.query(`ALTER TABLE "districts" DROP COLUMN "time_zone"`);
    await queryRunner.query(`DROP INDEX "public"."ix_forum_series_district"`);
    await queryRunner.query(`DROP TABLE "forum_series"`);
    await queryRunner.query(`DROP INDEX "public"."ix_meeting_minutes_meeting"`);
    await queryRunner.query(`DROP TABLE "meeting_minutes"`);
    await queryRunner.query(`DROP INDEX "public"."ix_agenda_items_meeting"`);
    await queryRunner.query(`DROP TABLE "agenda_items"`);
    await queryRunner.query(`DROP TYPE "public"."agenda_item_source"`);
    await queryRunner.query(`DROP TYPE "public"."agenda_section"`);
    await queryRunner.query(`DROP INDEX "public"."ix_meeting_participants_user"`);
    await queryRunner.query(`DROP TABLE "meeting_participants"`);
    await queryRunner.query(`DROP INDEX "public"."ix_meetings_district_start"`);
    await queryRunner.query(`DROP INDEX "public"."uq_meetings_series_date"`);
    await queryRunner.query(`DROP TABLE "meetings"`);
    await queryRunner.query(`DROP TYPE "public"."meeting_kind"`);
  }
}
