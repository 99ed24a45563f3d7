import { MigrationInterface, QueryRunner } from 'typeorm';

/** Districts, agencies, users and their sessions, login attempts, and the audit log. */

export class Foundation1795561426398 implements MigrationInterface {
  name = 'Foundation1795561426398';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "districts" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "name" character varying(120) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_972a72ff4e3bea5c7f43a2b98af" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_districts_name" ON "districts" ("name") `);
    await queryRunner.query(
      `CREATE TYPE "public"."agency_kind" AS ENUM('police', 'social_services', 'child_welfare', 'school', 'health', 'youth_service', 'job_centre', 'ngo', 'faith_community', 'other')`,
    );
    await queryRunner.query(
      `CREATE TABLE "agencies" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "name" character varying(200) NOT NULL, "kind" "public"."agency_kind" NOT NULL, "district_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_8ab1f1f53f56c8255b0d7e68b28" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_agencies_name" ON "agencies" ("name") `);
    await queryRunner.query(
      `CREATE TYPE "public"."user_role" AS ENUM('reporter', 'case_worker', 'coordinator', 'forum_member', 'auditor', 'admin')`,
    );
    await queryRunner.query(
      `CREATE TABLE "users" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "email" character varying(254) NOT NULL, "name" character varying(200) NOT NULL, "password_hash" character varying(200) NOT NULL, "agency_id" uuid NOT NULL, "roles" "public"."user_role" array NOT NULL, "active" boolean NOT NULL DEFAULT true, "totp_secret_encrypted" text, "totp_confirmed_at" TIMESTAMP WITH TIME ZONE, "totp_last_step" bigint, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_a3ffb1c0c8416b9fc6f907b7433" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_users_email" ON "users" ("email") `);
    await queryRunner.query(`CREATE INDEX "ix_users_agency" ON "users" ("agency_id") `);
    await queryRunner.query(
      `CREATE TABLE "sessions" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "user_id" uuid NOT NULL, "mfa_verified" boolean NOT NULL DEFAULT false, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "revoked_at" TIMESTAMP WITH TIME ZONE, "revoked_reason" character varying(40), CONSTRAINT "PK_3238ef96f18b355b671619111bc" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_sessions_user" ON "sessions" ("user_id") `);
    await queryRunner.query(
      `CREATE TABLE "refresh_tokens" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "session_id" uuid NOT NULL, "token_hash" character(64) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "used_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_7d8bee0204106019488c4c50ffa" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_refresh_tokens_session" ON "refresh_tokens" ("session_id") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_refresh_tokens_hash" ON "refresh_tokens" ("token_hash") `);
    await queryRunner.query(`CREATE TYPE "public"."audit_outcome" AS ENUM('allowed', 'denied')`);
    await queryRunner.query(`CREATE TYPE "public"."audit_severity" AS ENUM('info', 'high')`);
    await queryRunner.query(
      `CREATE TABLE "audit_events" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "occurred_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "actor_id" uuid, "actor_agency_id" uuid, "actor_roles" text array NOT NULL DEFAULT '{}', "action" character varying(80) NOT NULL, "resource_type" character varying(60) NOT NULL, "resource_id" character varying(80), "subject_id" uuid, "purpose" text, "outcome" "public"."audit_outcome" NOT NULL, "severity" "public"."audit_severity" NOT NULL DEFAULT 'info', "request_id" character varying(64), "details" jsonb NOT NULL DEFAULT '{}', CONSTRAINT "PK_910f64d901a5c3e9878f0d4a407" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_audit_events_action" ON "audit_events" ("action") `);
    await queryRunner.query(`CREATE INDEX "ix_audit_events_subject" ON "audit_events" ("subject_id") `);
    await queryRunner.query(
      `CREATE INDEX "ix_audit_events_resource" ON "audit_events" ("resource_type", "resource_id") `,
    );
    await queryRunner.query(`CREATE INDEX "ix_audit_events_actor_time" ON "audit_events" ("actor_id", "occurred_at") `);
    await queryRunner.query(
      `CREATE TABLE "login_attempts" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "account_key" character(64) NOT NULL, "succeeded" boolean NOT NULL, "attempted_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_070e613c8f768b1a70742705c5b" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_login_attempts_account_time" ON "login_attempts" ("account_key", "attempted_at") `,
    );
    await queryRunner.query(
      `CREATE TABLE "user_districts" ("user_id" uuid NOT NULL, "district_id" uuid NOT NULL, CONSTRAINT "PK_8c438ba258378ce381d093c255d" PRIMARY KEY ("user_id", "district_id"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_3776d9f273dca11ba535e19759" ON "user_districts" ("user_id") `);
    await queryRunner.query(`CREATE INDEX "IDX_8a27c89b191cc235e932b207a7" ON "user_districts" ("district_id") `);
    await queryRunner.query(
      `ALTER TABLE "agencies" ADD CONSTRAINT "fk_agencies_district" FOREIGN KEY ("district_id") REFERENCES "districts"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "users" ADD CONSTRAINT "fk_users_agency" FOREIGN KEY ("agency_id") REFERENCES "agencies"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "sessions" ADD CONSTRAINT "fk_sessions_user" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "refresh_tokens" ADD CONSTRAINT "fk_refresh_tokens_session" FOREIGN KEY ("session_id") REFERENCES "sessions"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "user_districts" ADD CONSTRAINT "fk_user_districts_user" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE`,
    );
    await queryRunner.query(
      `ALTER TABLE "user_districts" ADD CONSTRAINT "fk_user_districts_district" FOREIGN KEY ("district_id") REFERENCES "districts"("id") ON DELETE CASCADE ON UPDATE CASCADE`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "user_districts" DROP CONSTRAINT "fk_user_districts_district"`);
    await queryRunner.query(`ALTER TABLE "user_districts" DROP CONSTRAINT "fk_user_districts_user"`);
    await queryRunner.query(`ALTER TABLE "refresh_tokens" DROP CONSTRAINT "fk_refresh_tokens_session"`);
    await queryRunner.query(`ALTER TABLE "sessions" DROP CONSTRAINT "fk_sessions_user"`);
    await queryRunner.query(`ALTER TABLE "users" DROP CONSTRAINT "fk_users_agency"`);
    await queryRunner.query(`ALTER TABLE "agencies" DROP CONSTRAINT "fk_agencies_district"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_8a27c89b191cc235e932b207a7"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_3776d9f273dca11ba535e19759"`);
    await queryRunner.query(`DROP TABLE "user_districts"`);
    await queryRunner.query(`DROP INDEX "public"."ix_login_attempts_account_time"`);
    await queryRunner.query(`DROP TABLE "login_attempts"`);
    await queryRunner.query(`DROP INDEX "public"."ix_audit_events_actor_time"`);
    await queryRunner.query(`DROP INDEX "public"."ix_audit_events_resource"`);
    await queryRunner.query(`DROP INDEX "public"."ix_audit_events_subject"`);
    await queryRunner.query(`DROP INDEX "public"."ix_audit_events_action"`);
    await queryRunner.query(`DROP TABLE "audit_events"`);
    await queryRunner.query(`DROP TYPE "public"."audit_severity"`);
    await queryRunner.query(`DROP TYPE "public"."audit_outcome"`);
    await queryRunner.query(`DROP INDEX "public"."uq_refresh_tokens_hash"`);
    await queryRunner.query(`DROP INDEX "public"."ix_refresh_tokens_session"`);
    await queryRunner.query(`DROP TABLE "refresh_tokens"`);
    await queryRunner.query(`DROP INDEX "public"."ix_sessions_user"`);
    await queryRunner.query(`DROP TABLE "sessions"`);
    await queryRunner.query(`DROP INDEX "public"."ix_users_agency"`);
    await queryRunner.query(`DROP INDEX "public"."uq_users_email"`);
    await queryRunner.query(`DROP TABLE "users"`);
    await queryRunner.query(`DROP TYPE "public"."user_role"`);
    await queryRunner.query(`DROP INDEX "public"."uq_agencies_name"`);
    await queryRunner.query(`DROP TABLE "agencies"`);
    await queryRunner.query(`DROP TYPE "public"."agency_kind"`);
    await queryRunner.query(`DROP INDEX "public"."uq_districts_name"`);
    await queryRunner.query(`DROP TABLE "districts"`);
  }
}
