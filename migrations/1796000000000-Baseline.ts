import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The whole schema as the first eleven migrations (Foundation1795561426398 to ReadsAtScale1795610000000)
 * left it, squashed into one before anything was deployed: districts, agencies, users and their sessions;
 * subjects, concerns and notifications; consents, referrals and follow-ups; meetings, agendas and minutes;
 * the tamper-evident audit trail; break-glass grants and access flags; emergency shares.
 *
 * Migrations are history: once this one has landed it is never edited, and it imports nothing from
 * src/ (test/e2e/migrations.e2e-spec.ts fails if either happens). Application code changes; a migration
 * must do the same thing on the day it runs as on the day it was written. What it would have taken
 * from the application is written out here instead: the chain's first link follows the hash of 64
 * zeros (`repeat('0', 64)` below, GENESIS_HASH in the audit code), and the events' content hashes are
 * computed by the application when it writes them, so no hash is computed here.
 */
export class Baseline1796000000000 implements MigrationInterface {
  name = 'Baseline1796000000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    if (await this.migratedBeforeTheSquash(queryRunner)) return;

    // Directory: districts, agencies, users, sessions, refresh tokens, login attempts.
    await queryRunner.query(
      `CREATE TABLE "districts" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "name" character varying(120) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "time_zone" character varying(64) NOT NULL DEFAULT 'Europe/Oslo', "emergency_police_agency_id" uuid, CONSTRAINT "PK_972a72ff4e3bea5c7f43a2b98af" PRIMARY KEY ("id"))`,
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
      `ALTER TABLE "districts" ADD CONSTRAINT "fk_districts_emergency_police_agency" FOREIGN KEY ("emergency_police_agency_id") REFERENCES "agencies"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
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

    // Subjects (with trigram duplicate search) and their links, concerns, notifications.
    await queryRunner.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
    await queryRunner.query(
      `CREATE TABLE "subjects" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "pseudonym" character varying(12) NOT NULL, "full_name" character varying(200) NOT NULL, "name_key" text NOT NULL, "date_of_birth" date NOT NULL, "district_id" uuid NOT NULL, "created_by_id" uuid NOT NULL, "created_by_agency_id" uuid NOT NULL, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_1a023685ac2b051b4e557b0b280" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_subjects_pseudonym" ON "subjects" ("pseudonym") `);
    await queryRunner.query(`CREATE INDEX "ix_subjects_district" ON "subjects" ("district_id") `);
    await queryRunner.query(`CREATE INDEX "ix_subjects_birth_date" ON "subjects" ("date_of_birth") `);
    await queryRunner.query(
      `CREATE INDEX "ix_subjects_name_key_trgm" ON "subjects" USING gin ("name_key" gin_trgm_ops)`,
    );
    await queryRunner.query(
      `CREATE TABLE "subject_links" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "subject_id" uuid NOT NULL, "other_subject_id" uuid NOT NULL, "note" text NOT NULL, "created_by_id" uuid NOT NULL, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "removed_at" TIMESTAMP WITH TIME ZONE, "removed_by_id" uuid, CONSTRAINT "ck_subject_links_distinct" CHECK ("subject_id" <> "other_subject_id"), CONSTRAINT "PK_bdbd92eeb9a7353adbcad7aaf2f" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_subject_links_subject" ON "subject_links" ("subject_id") `);
    await queryRunner.query(`CREATE INDEX "ix_subject_links_other" ON "subject_links" ("other_subject_id") `);
    // One active link per pair, whichever way round it was made.
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_subject_links_pair" ON "subject_links" (LEAST("subject_id", "other_subject_id"), GREATEST("subject_id", "other_subject_id")) WHERE "removed_at" IS NULL`,
    );
    await queryRunner.query(
      `CREATE TYPE "public"."concern_category" AS ENUM('violent_extremism', 'hate_crime', 'gang_crime', 'online_radicalisation', 'returnee', 'mental_health', 'other')`,
    );
    await queryRunner.query(
      `CREATE TYPE "public"."concern_source" AS ENUM('professional', 'family', 'friend', 'anonymous_call')`,
    );
    await queryRunner.query(`CREATE TYPE "public"."risk_level" AS ENUM('low', 'moderate', 'high', 'immediate_danger')`);
    await queryRunner.query(
      `CREATE TYPE "public"."concern_classification" AS ENUM('coordination', 'agency_restricted')`,
    );
    await queryRunner.query(
      `CREATE TYPE "public"."concern_status" AS ENUM('new', 'guidance_only', 'no_further_action', 'referral_pending', 'referred', 'referral_accepted', 'closed')`,
    );
    await queryRunner.query(
      `CREATE TYPE "public"."triage_outcome" AS ENUM('guidance_only', 'refer', 'no_further_action')`,
    );
    // `referred_on_vital_interest`: whether an open referral shares the concern on vital interest, kept with its stage.
    await queryRunner.query(
      `CREATE TABLE "concerns" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "subject_id" uuid NOT NULL, "category" "public"."concern_category" NOT NULL, "narrative" text NOT NULL, "source" "public"."concern_source" NOT NULL, "risk_level" "public"."risk_level" NOT NULL, "classification" "public"."concern_classification" NOT NULL, "owning_agency_id" uuid NOT NULL, "reporter_id" uuid NOT NULL, "district_id" uuid NOT NULL, "status" "public"."concern_status" NOT NULL DEFAULT 'new', "triage_outcome" "public"."triage_outcome", "triage_note" text, "triaged_by_id" uuid, "triaged_at" TIMESTAMP WITH TIME ZONE, "version" integer NOT NULL, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "referred_on_vital_interest" boolean NOT NULL DEFAULT false, CONSTRAINT "PK_743844335346f7379d1fc28950a" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_concerns_subject" ON "concerns" ("subject_id") `);
    await queryRunner.query(`CREATE INDEX "ix_concerns_reporter_created" ON "concerns" ("reporter_id", "created_at") `);
    await queryRunner.query(
      `CREATE INDEX "ix_concerns_agency_created" ON "concerns" ("owning_agency_id", "created_at") `,
    );
    await queryRunner.query(`CREATE INDEX "ix_concerns_district_created" ON "concerns" ("district_id", "created_at") `);
    // One index-ordered page per access rule (a district's coordination concerns, its referred ones, its vital-interest shares).
    await queryRunner.query(
      `CREATE INDEX "ix_concerns_district_classification_created" ON "concerns" ("district_id", "classification", "created_at") `,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_concerns_district_referred" ON "concerns" ("district_id", "triaged_at") WHERE "triage_outcome" = 'refer'`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_concerns_district_vital_interest" ON "concerns" ("district_id", "created_at") WHERE "referred_on_vital_interest"`,
    );
    await queryRunner.query(
      `CREATE TABLE "notifications" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "recipient_agency_id" uuid, "recipient_user_id" uuid, "kind" character varying(60) NOT NULL, "urgent" boolean NOT NULL DEFAULT false, "resource_type" character varying(60) NOT NULL, "resource_id" uuid NOT NULL, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "delivered_at" TIMESTAMP WITH TIME ZONE, "read_at" TIMESTAMP WITH TIME ZONE, "delivery_key" character varying(200), CONSTRAINT "PK_6a72c3c0f683f6462415e653c3a" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_notifications_user" ON "notifications" ("recipient_user_id", "created_at") `,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_notifications_agency" ON "notifications" ("recipient_agency_id", "created_at") `,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_notifications_delivery_key" ON "notifications" ("delivery_key") `);
    await queryRunner.query(
      `ALTER TABLE "subjects" ADD CONSTRAINT "fk_subjects_district" FOREIGN KEY ("district_id") REFERENCES "districts"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "subject_links" ADD CONSTRAINT "fk_subject_links_subject" FOREIGN KEY ("subject_id") REFERENCES "subjects"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "subject_links" ADD CONSTRAINT "fk_subject_links_other" FOREIGN KEY ("other_subject_id") REFERENCES "subjects"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "concerns" ADD CONSTRAINT "fk_concerns_subject" FOREIGN KEY ("subject_id") REFERENCES "subjects"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "concerns" ADD CONSTRAINT "fk_concerns_owning_agency" FOREIGN KEY ("owning_agency_id") REFERENCES "agencies"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "concerns" ADD CONSTRAINT "fk_concerns_reporter" FOREIGN KEY ("reporter_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );

    // Consents, referrals with their notes, follow-ups, emergency shares.
    await queryRunner.query(`CREATE TYPE "public"."consent_giver" AS ENUM('subject', 'guardian')`);
    await queryRunner.query(
      `CREATE TABLE "consents" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "subject_id" uuid NOT NULL, "district_id" uuid NOT NULL, "given_by" "public"."consent_giver" NOT NULL, "guardian_name" character varying(200), "agency_ids" uuid array NOT NULL, "purpose" text NOT NULL, "given_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, "valid_until" TIMESTAMP(3) WITH TIME ZONE, "withdrawn_at" TIMESTAMP(3) WITH TIME ZONE, "withdrawn_by_id" uuid, "recorded_by_id" uuid NOT NULL, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_9efc68eb6aba7d638fb6ea034dd" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_consents_subject" ON "consents" ("subject_id") `);
    await queryRunner.query(
      `CREATE TYPE "public"."legal_basis" AS ENUM('consent', 'statutory_duty', 'vital_interest')`,
    );
    await queryRunner.query(
      `CREATE TYPE "public"."referral_status" AS ENUM('pending', 'accepted', 'declined', 'in_progress', 'closed')`,
    );
    await queryRunner.query(
      `CREATE TYPE "public"."referral_outcome" AS ENUM('completed', 'no_engagement', 'transferred', 'consent_withdrawn', 'escalated_to_police')`,
    );
    // `concern_created_at`: each referral keeps its concern's creation time, so an agency's shares are read in the concerns' order.
    await queryRunner.query(
      `CREATE TABLE "referrals" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "concern_id" uuid NOT NULL, "subject_id" uuid NOT NULL, "district_id" uuid NOT NULL, "to_agency_id" uuid NOT NULL, "programme" character varying(200), "legal_basis" "public"."legal_basis" NOT NULL, "consent_id" uuid, "reason" text NOT NULL, "review_date" date NOT NULL, "status" "public"."referral_status" NOT NULL DEFAULT 'pending', "case_worker_id" uuid, "decline_reason" text, "outcome" "public"."referral_outcome", "outcome_note" text, "created_by_id" uuid NOT NULL, "version" integer NOT NULL, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "concern_created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, CONSTRAINT "ck_referrals_consent_basis" CHECK ("legal_basis" <> 'consent' OR "consent_id" IS NOT NULL), CONSTRAINT "PK_ea9980e34f738b6252817326c08" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_referrals_concern" ON "referrals" ("concern_id") `);
    await queryRunner.query(`CREATE INDEX "ix_referrals_consent" ON "referrals" ("consent_id") `);
    await queryRunner.query(`CREATE INDEX "ix_referrals_subject" ON "referrals" ("subject_id") `);
    await queryRunner.query(
      `CREATE INDEX "ix_referrals_agency_review" ON "referrals" ("to_agency_id", "review_date") `,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_referrals_district_review" ON "referrals" ("district_id", "review_date") `,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_referrals_open_shares" ON "referrals" ("to_agency_id", "concern_created_at", "concern_id") WHERE "status" IN ('pending', 'accepted', 'in_progress')`,
    );
    // A concern has at most one open referral to each agency; a second one is a duplicate (409).
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_referrals_open_per_agency" ON "referrals" ("concern_id", "to_agency_id") WHERE "status" IN ('pending', 'accepted', 'in_progress')`,
    );
    await queryRunner.query(
      `CREATE TABLE "referral_notes" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "referral_id" uuid NOT NULL, "author_id" uuid NOT NULL, "author_agency_id" uuid NOT NULL, "text" text NOT NULL, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_367bbd4677f0b161506fdbc54df" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_referral_notes_referral" ON "referral_notes" ("referral_id") `);
    await queryRunner.query(`CREATE TYPE "public"."follow_up_state" AS ENUM('open', 'done', 'cancelled')`);
    // `minute_id`: the minute whose action item the follow-up is.
    await queryRunner.query(
      `CREATE TABLE "follow_ups" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "kind" character varying(40) NOT NULL, "referral_id" uuid, "owner_id" uuid NOT NULL, "text" text NOT NULL, "due_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, "state" "public"."follow_up_state" NOT NULL DEFAULT 'open', "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "created_by_id" uuid, "district_id" uuid, "remind_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, "escalation_level" integer NOT NULL DEFAULT '0', "closed_at" TIMESTAMP(3) WITH TIME ZONE, "version" integer NOT NULL, "minute_id" uuid, CONSTRAINT "PK_d510aabdff2ec7fdc67a1092157" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_follow_ups_referral" ON "follow_ups" ("referral_id") `);
    await queryRunner.query(`CREATE INDEX "ix_follow_ups_owner_due" ON "follow_ups" ("owner_id", "due_at") `);
    await queryRunner.query(`CREATE INDEX "ix_follow_ups_state_due" ON "follow_ups" ("state", "due_at") `);
    await queryRunner.query(`CREATE INDEX "ix_follow_ups_minute" ON "follow_ups" ("minute_id") `);
    await queryRunner.query(
      `CREATE INDEX "ix_follow_ups_district_open_due" ON "follow_ups" ("district_id", "due_at") WHERE "state" = 'open'`,
    );
    await queryRunner.query(
      `ALTER TABLE "consents" ADD CONSTRAINT "fk_consents_subject" FOREIGN KEY ("subject_id") REFERENCES "subjects"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "referrals" ADD CONSTRAINT "fk_referrals_concern" FOREIGN KEY ("concern_id") REFERENCES "concerns"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "referrals" ADD CONSTRAINT "fk_referrals_to_agency" FOREIGN KEY ("to_agency_id") REFERENCES "agencies"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "referrals" ADD CONSTRAINT "fk_referrals_consent" FOREIGN KEY ("consent_id") REFERENCES "consents"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "referral_notes" ADD CONSTRAINT "fk_referral_notes_referral" FOREIGN KEY ("referral_id") REFERENCES "referrals"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    // Raising a concern to immediate danger opens it to the district's emergency police agency on vital interest.
    await queryRunner.query(
      `CREATE TABLE "emergency_shares" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "concern_id" uuid NOT NULL, "agency_id" uuid NOT NULL, "legal_basis" "public"."legal_basis" NOT NULL DEFAULT 'vital_interest', "raised_by_id" uuid NOT NULL, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_emergency_shares_vital_interest" CHECK ("legal_basis" = 'vital_interest'), CONSTRAINT "PK_38ac70e699ce4163decf9b708bf" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_emergency_shares_agency" ON "emergency_shares" ("agency_id") `);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_emergency_shares_concern_agency" ON "emergency_shares" ("concern_id", "agency_id") `,
    );
    await queryRunner.query(
      `ALTER TABLE "emergency_shares" ADD CONSTRAINT "fk_emergency_shares_concern" FOREIGN KEY ("concern_id") REFERENCES "concerns"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "emergency_shares" ADD CONSTRAINT "fk_emergency_shares_agency" FOREIGN KEY ("agency_id") REFERENCES "agencies"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );

    // Meetings (forums and case conferences), participants, forum series, agenda items (a snapshot once the meeting starts), minutes.
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
    // The minutes record each decision once: one per agenda item, and the same words on no item once per meeting
    // (by their md5, as a decision may be longer than an index entry may hold).
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_meeting_minutes_agenda_item" ON "meeting_minutes" ("agenda_item_id") WHERE "agenda_item_id" IS NOT NULL`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_meeting_minutes_other_business" ON "meeting_minutes" ("meeting_id", md5("decision")) WHERE "agenda_item_id" IS NULL`,
    );
    await queryRunner.query(
      `CREATE TABLE "forum_series" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "district_id" uuid NOT NULL, "rule" character varying(60) NOT NULL, "time_zone" character varying(64) NOT NULL, "duration_minutes" integer NOT NULL, "location" character varying(300), "participant_ids" uuid array NOT NULL, "created_by_id" uuid NOT NULL, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_8e5280b23542ce2eaaab4c4c036" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_forum_series_district" ON "forum_series" ("district_id") `);
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

    await this.auditTrail(queryRunner);

    // Break-glass grants awaiting and after review, and the worker's flags of unusual access.
    await queryRunner.query(
      `CREATE TYPE "public"."break_glass_reason" AS ENUM('imminent_risk', 'safeguarding_emergency', 'legal_request', 'other')`,
    );
    await queryRunner.query(`CREATE TYPE "public"."break_glass_review" AS ENUM('justified', 'unjustified')`);
    await queryRunner.query(
      `CREATE TABLE "break_glass_grants" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "user_id" uuid NOT NULL, "agency_id" uuid NOT NULL, "resource_type" character varying(40) NOT NULL, "resource_id" uuid NOT NULL, "subject_id" uuid NOT NULL, "reason_code" "public"."break_glass_reason" NOT NULL, "justification" text NOT NULL, "granted_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "expires_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, "reviewed_at" TIMESTAMP(3) WITH TIME ZONE, "reviewed_by_id" uuid, "review_outcome" "public"."break_glass_review", "review_note" text, CONSTRAINT "PK_b02d16f7854de523ef0f7ba9799" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_break_glass_unreviewed" ON "break_glass_grants" ("granted_at") WHERE "reviewed_at" IS NULL`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_break_glass_user_expiry" ON "break_glass_grants" ("user_id", "expires_at") `,
    );
    await queryRunner.query(
      `CREATE TYPE "public"."access_flag_kind" AS ENUM('many_subjects', 'out_of_hours', 'outside_districts', 'repeated_refusals')`,
    );
    await queryRunner.query(
      `CREATE TABLE "access_flags" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "kind" "public"."access_flag_kind" NOT NULL, "user_id" uuid NOT NULL, "window_start" TIMESTAMP(3) WITH TIME ZONE NOT NULL, "window_end" TIMESTAMP(3) WITH TIME ZONE NOT NULL, "count" integer NOT NULL, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_fa6c782fe0f78b508291e4a9b89" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_access_flags_created" ON "access_flags" ("created_at") `);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_access_flags_window" ON "access_flags" ("kind", "user_id", "window_start") `,
    );
  }

  /**
   * The audit trail, tamper-evident and ready for years of events:
   * - `audit_events` is partitioned by month (retention drops whole months) and each event carries the
   *   SHA-256 of its canonical form, computed by the application when it writes the event;
   * - `audit_chain` links every event, in commit order, to the one before: a deferred constraint trigger
   *   appends the link when the writing transaction commits, under an advisory lock held from then to the
   *   end of the commit, so writers are serialised for that moment and not for their whole transaction;
   * - `audit_checkpoints` holds the worker's signed seals of the chain, `audit_retention` where the chain
   *   starts once retention has dropped older months;
   * - triggers refuse UPDATE, DELETE and TRUNCATE on all four.
   */
  private async auditTrail(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TYPE "public"."audit_outcome" AS ENUM('allowed', 'denied')`);
    await queryRunner.query(`CREATE TYPE "public"."audit_severity" AS ENUM('info', 'high')`);
    await queryRunner.query(`
      CREATE FUNCTION audit_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'the audit trail is append-only: % on % refused', TG_OP, TG_TABLE_NAME
          USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await queryRunner.query(`
      CREATE TABLE "audit_events" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "occurred_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL,
        "actor_id" uuid,
        "actor_agency_id" uuid,
        "actor_roles" text array NOT NULL DEFAULT '{}',
        "action" character varying(80) NOT NULL,
        "resource_type" character varying(60) NOT NULL,
        "resource_id" character varying(80),
        "subject_id" uuid,
        "purpose" text,
        "outcome" "public"."audit_outcome" NOT NULL,
        "severity" "public"."audit_severity" NOT NULL DEFAULT 'info',
        "request_id" character varying(64),
        "details" jsonb NOT NULL DEFAULT '{}',
        "content_hash" character(64) NOT NULL,
        CONSTRAINT "pk_audit_events" PRIMARY KEY ("id", "occurred_at")
      ) PARTITION BY RANGE ("occurred_at")`);
    await queryRunner.query(`
      CREATE TABLE "audit_chain" (
        "seq" bigint NOT NULL,
        "event_id" uuid NOT NULL,
        "occurred_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL,
        "content_hash" character(64) NOT NULL,
        "prev_hash" character(64) NOT NULL,
        "hash" character(64) NOT NULL,
        "chained_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT clock_timestamp(),
        CONSTRAINT "pk_audit_chain" PRIMARY KEY ("seq", "occurred_at")
      ) PARTITION BY RANGE ("occurred_at")`);
    await queryRunner.query(`CREATE TABLE "audit_events_default" PARTITION OF "audit_events" DEFAULT`);
    await queryRunner.query(`CREATE TABLE "audit_chain_default" PARTITION OF "audit_chain" DEFAULT`);
    // One month of both tables; the worker keeps the coming months created (a default partition catches the rest).
    await queryRunner.query(`
      CREATE FUNCTION audit_create_month(month date) RETURNS void LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
      DECLARE
        first date := date_trunc('month', month)::date;
        suffix text := to_char(first, 'YYYY_MM');
      BEGIN
        EXECUTE format('CREATE TABLE IF NOT EXISTS %I PARTITION OF audit_events FOR VALUES FROM (%L) TO (%L)',
                       'audit_events_' || suffix, first, (first + interval '1 month')::date);
        EXECUTE format('CREATE TABLE IF NOT EXISTS %I PARTITION OF audit_chain FOR VALUES FROM (%L) TO (%L)',
                       'audit_chain_' || suffix, first, (first + interval '1 month')::date);
      END $$`);
    // This month and the next three.
    await queryRunner.query(`
      SELECT audit_create_month(month::date)
        FROM generate_series(date_trunc('month', now()), date_trunc('month', now()) + interval '3 months', interval '1 month') AS month`);
    const indexes: [string, string][] = [
      ['ix_audit_events_time', '"occurred_at", "id"'],
      ['ix_audit_events_actor_time', '"actor_id", "occurred_at"'],
      ['ix_audit_events_agency_time', '"actor_agency_id", "occurred_at"'],
      ['ix_audit_events_subject_time', '"subject_id", "occurred_at"'],
      ['ix_audit_events_resource_time', '"resource_type", "resource_id", "occurred_at"'],
      ['ix_audit_events_action_time', '"action", "occurred_at"'],
    ];
    for (const [name, columns] of indexes) {
      await queryRunner.query(`CREATE INDEX "${name}" ON "audit_events" (${columns})`);
    }
    await queryRunner.query(
      `CREATE INDEX "ix_audit_events_denied_time" ON "audit_events" ("occurred_at") WHERE "outcome" = 'denied'`,
    );
    await queryRunner.query(`CREATE INDEX "ix_audit_chain_event" ON "audit_chain" ("event_id")`);
    await queryRunner.query(`
      CREATE TABLE "audit_checkpoints" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "seq" bigint NOT NULL,
        "event_id" uuid NOT NULL,
        "hash" character(64) NOT NULL,
        "sealed_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL,
        "key_id" character varying(64) NOT NULL,
        "signature" text NOT NULL,
        CONSTRAINT "pk_audit_checkpoints" PRIMARY KEY ("id")
      )`);
    await queryRunner.query(`CREATE INDEX "ix_audit_checkpoints_seq" ON "audit_checkpoints" ("seq")`);
    // Where the chain starts after retention dropped older months: the last link dropped.
    await queryRunner.query(`
      CREATE TABLE "audit_retention" (
        "seq" bigint NOT NULL,
        "hash" character(64) NOT NULL,
        "event_id" uuid NOT NULL,
        "month" date NOT NULL,
        "dropped_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT clock_timestamp(),
        CONSTRAINT "pk_audit_retention" PRIMARY KEY ("seq")
      )`);
    // Retention: a whole month of events and links goes, its last link kept as the chain's new start.
    await queryRunner.query(`
      CREATE FUNCTION audit_drop_month(month date) RETURNS bigint LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
      DECLARE
        first date := date_trunc('month', month)::date;
        suffix text := to_char(date_trunc('month', month), 'YYYY_MM');
        last record;
      BEGIN
        IF to_regclass('audit_events_' || suffix) IS NULL THEN RETURN 0; END IF;
        PERFORM pg_advisory_xact_lock(hashtext('samvirke.audit_chain'));
        EXECUTE format('SELECT "seq", "hash", "event_id" FROM %I ORDER BY "seq" DESC LIMIT 1', 'audit_chain_' || suffix) INTO last;
        IF last.seq IS NOT NULL THEN
          INSERT INTO audit_retention ("seq", "hash", "event_id", "month") VALUES (last.seq, last.hash, last.event_id, first);
        END IF;
        EXECUTE format('DROP TABLE %I', 'audit_events_' || suffix);
        EXECUTE format('DROP TABLE %I', 'audit_chain_' || suffix);
        RETURN coalesce(last.seq, 0);
      END $$`);
    // The first link follows 64 zeros (the genesis hash, written out here rather than imported: see the class comment).
    await queryRunner.query(`
      CREATE FUNCTION audit_chain_append() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        head text;
        last_seq bigint;
        last_hash text;
        next_seq bigint;
        next_hash text;
      BEGIN
        -- One chainer at a time, from this transaction's commit to its end.
        PERFORM pg_advisory_xact_lock(hashtext('samvirke.audit_chain'));
        -- The link this transaction appended last; the table's last link for its first event.
        head := current_setting('samvirke.audit_chain_head', true);
        IF head IS NULL OR head = '' THEN
          SELECT "seq", "hash" INTO last_seq, last_hash FROM audit_chain ORDER BY "seq" DESC LIMIT 1;
          last_seq := coalesce(last_seq, 0);
          last_hash := coalesce(last_hash, repeat('0', 64));
        ELSE
          last_seq := split_part(head, ':', 1)::bigint;
          last_hash := split_part(head, ':', 2);
        END IF;
        next_seq := last_seq + 1;
        next_hash := encode(sha256(convert_to(next_seq::text || ':' || last_hash || ':' || NEW.content_hash, 'UTF8')), 'hex');
        INSERT INTO audit_chain ("seq", "event_id", "occurred_at", "content_hash", "prev_hash", "hash")
          VALUES (next_seq, NEW.id, NEW.occurred_at, NEW.content_hash, last_hash, next_hash);
        PERFORM set_config('samvirke.audit_chain_head', next_seq::text || ':' || next_hash, true);
        RETURN NULL;
      END $$`);
    await queryRunner.query(`
      CREATE CONSTRAINT TRIGGER "audit_events_chain" AFTER INSERT ON "audit_events"
        DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION audit_chain_append()`);
    for (const table of ['audit_events', 'audit_chain', 'audit_checkpoints', 'audit_retention']) {
      await queryRunner.query(
        `CREATE TRIGGER "${table}_append_only" BEFORE UPDATE OR DELETE ON "${table}" FOR EACH ROW EXECUTE FUNCTION audit_refuse_change()`,
      );
      await queryRunner.query(
        `CREATE TRIGGER "${table}_no_truncate" BEFORE TRUNCATE ON "${table}" FOR EACH STATEMENT EXECUTE FUNCTION audit_refuse_change()`,
      );
    }
  }

  /**
   * A database migrated with the eleven migrations this one replaces (a developer's `npm start` data, say) already
   * has this schema: this migration is then only recorded. One migrated part of the way cannot be brought level
   * here, as those migrations are gone: it is to be dropped and migrated afresh.
   */
  private async migratedBeforeTheSquash(queryRunner: QueryRunner): Promise<boolean> {
    const [table] = await queryRunner.query(`SELECT to_regclass('"migrations"') IS NOT NULL AS "exists"`);
    if (!table?.exists) return false;
    const rows: { name: string }[] = await queryRunner.query(
      `SELECT "name" FROM "migrations" WHERE "timestamp" < 1796000000000`,
    );
    if (rows.length === 0) return false;
    if (rows.some((row) => row.name === 'ReadsAtScale1795610000000')) return true;
    throw new Error(
      `This database ran ${rows.length} of the 11 migrations the baseline replaced, not all: drop it (for npm start, the .data directory) and migrate again`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    // Districts and agencies refer to each other: one of the two keys goes first.
    await queryRunner.query(`ALTER TABLE "districts" DROP CONSTRAINT "fk_districts_emergency_police_agency"`);
    for (const table of [
      'access_flags',
      'break_glass_grants',
      'audit_retention',
      'audit_checkpoints',
      'audit_chain',
      'audit_events',
      'forum_series',
      'meeting_minutes',
      'agenda_items',
      'meeting_participants',
      'meetings',
      'emergency_shares',
      'follow_ups',
      'referral_notes',
      'referrals',
      'consents',
      'notifications',
      'concerns',
      'subject_links',
      'subjects',
      'user_districts',
      'login_attempts',
      'refresh_tokens',
      'sessions',
      'users',
      'agencies',
      'districts',
    ]) {
      await queryRunner.query(`DROP TABLE "${table}"`);
    }
    for (const fn of [
      'audit_chain_append()',
      'audit_drop_month(date)',
      'audit_create_month(date)',
      'audit_refuse_change()',
    ]) {
      await queryRunner.query(`DROP FUNCTION ${fn}`);
    }
    for (const type of [
      'access_flag_kind',
      'break_glass_review',
      'break_glass_reason',
      'audit_severity',
      'audit_outcome',
      'agenda_item_source',
      'agenda_section',
      'meeting_kind',
      'follow_up_state',
      'referral_outcome',
      'referral_status',
      'legal_basis',
      'consent_giver',
      'triage_outcome',
      'concern_status',
      'concern_classification',
      'risk_level',
      'concern_source',
      'concern_category',
      'user_role',
      'agency_kind',
    ]) {
      await queryRunner.query(`DROP TYPE "public"."${type}"`);
    }
  }
}
