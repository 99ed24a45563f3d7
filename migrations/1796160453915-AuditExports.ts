import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An auditor's export of a search of the trail, written by the worker in the background: who asked,
 * for which search and why, where it is, and the gzipped CSV until it expires. Redis holds only the
 * job; the worker's sweep puts a lost one back from this table.
 */
export class AuditExports1796160453915 implements MigrationInterface {
  name = 'AuditExports1796160453915';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TYPE "public"."audit_export_state" AS ENUM('queued', 'running', 'ready', 'failed', 'expired')`,
    );
    await queryRunner.query(
      `CREATE TABLE "audit_exports" ("id" uuid NOT NULL, "requester_id" uuid NOT NULL, "filters" jsonb NOT NULL, "purpose" character varying(500) NOT NULL, "state" "public"."audit_export_state" NOT NULL, "row_count" integer, "file" bytea, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, "started_at" TIMESTAMP(3) WITH TIME ZONE, "finished_at" TIMESTAMP(3) WITH TIME ZONE, "expires_at" TIMESTAMP(3) WITH TIME ZONE, CONSTRAINT "PK_d8a811d45efd5c3bfa6916b1275" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_audit_exports_requester_created" ON "audit_exports" ("requester_id", "created_at") `,
    );
    await queryRunner.query(`CREATE INDEX "ix_audit_exports_state_created" ON "audit_exports" ("state", "created_at") `);
    await queryRunner.query(
      `ALTER TABLE "audit_exports" ADD CONSTRAINT "fk_audit_exports_requester" FOREIGN KEY ("requester_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "audit_exports" DROP CONSTRAINT "fk_audit_exports_requester"`);
    await queryRunner.query(`DROP INDEX "public"."ix_audit_exports_state_created"`);
    await queryRunner.query(`DROP INDEX "public"."ix_audit_exports_requester_created"`);
    await queryRunner.query(`DROP TABLE "audit_exports"`);
    await queryRunner.query(`DROP TYPE "public"."audit_export_state"`);
  }
}
