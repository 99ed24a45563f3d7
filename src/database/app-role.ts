import { DataSource } from 'typeorm';

/** The tables of the audit trail: the application may add to them and read them, nothing else. */
const APPEND_ONLY = ['audit_events', 'audit_chain', 'audit_checkpoints', 'audit_retention'];
const ROLE_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/**
 * Creates (or updates) the less-privileged role the API and the worker connect as, and grants
 * it what they need: ordinary rights on the case tables, only SELECT and INSERT on the audit
 * trail and every partition of it (so even with the triggers gone it cannot change or delete an
 * event), and the two functions that create and retire months. Run as the owner after each
 * migration; the owner keeps DDL, TRUNCATE and the migrations table to itself.
 */
export async function grantAppRole(dataSource: DataSource, role: string, password: string): Promise<void> {
  if (!ROLE_NAME.test(role)) throw new Error('APP_DB_USER must be a lower-case PostgreSQL identifier');
  const quoted = `"${role}"`;
  const literal = `'${password.replace(/'/g, "''")}'`;
  await dataSource.transaction(async (manager) => {
    const [exists]: unknown[] = await manager.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [role]);
    await manager.query(
      `${exists ? 'ALTER' : 'CREATE'} ROLE ${quoted} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD ${literal}`,
    );
    const [{ database }]: { database: string }[] = await manager.query('SELECT current_database() AS database');
    await manager.query(`GRANT CONNECT ON DATABASE "${database}" TO ${quoted}`);
    await manager.query(`GRANT USAGE ON SCHEMA public TO ${quoted}`);
    await manager.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${quoted}`);
    await manager.query(`GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO ${quoted}`);
    await manager.query(`REVOKE ALL ON TABLE migrations FROM ${quoted}`);
    const partitions: { name: string }[] = await manager.query(
      `SELECT c.relname AS name FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
        WHERE i.inhparent IN ('audit_events'::regclass, 'audit_chain'::regclass)`,
    );
    for (const table of [...APPEND_ONLY, ...partitions.map((partition) => partition.name)]) {
      await manager.query(`REVOKE UPDATE, DELETE, TRUNCATE ON TABLE "${table}" FROM ${quoted}`);
    }
    await manager.query(`GRANT EXECUTE ON FUNCTION audit_create_month(date), audit_drop_month(date) TO ${quoted}`);
    // Months the worker creates later (as the owner, through audit_create_month) are append-only too.
    await manager.query(`ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT ON TABLES TO ${quoted}`);
  });
}
