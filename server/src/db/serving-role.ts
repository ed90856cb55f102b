// Two database roles: the owner migrates, the serving role runs the app with only the rights it
// needs, so that a compromised app cannot rewrite its own history: it may read and append audit
// events, never change, delete, truncate or unprotect them (only the owner may alter a table or
// its triggers).
import pg from 'pg';

// the table the serving role may only read and append to
const appendOnlyTable = 'AuditEvent';
// read-only to the serving role: it checks that the database is up to date without migrating
const migrationsTable = '_prisma_migrations';
// marked when used or replaced, never deleted: the trace of every code stays
const keptTable = 'RecoveryCode';
// kept by Incident's triggers, which write them as the owner: the app may only read them
const derivedTables = ['IncidentCount', 'IncidentCountAllAuthors'];

// A login role without ownership or any power over other roles, the database or replication.
const roleAttributes = 'LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS';

// Creates the serving role, or brings its attributes and password back to the expected ones.
export async function ensureServingRole(
  ownerUrl: string,
  role: string,
  password: string,
): Promise<void> {
  const client = new pg.Client({ connectionString: ownerUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [role]);
    const statement = rowCount ? 'ALTER ROLE' : 'CREATE ROLE';
    await client.query(
      `${statement} ${client.escapeIdentifier(role)} ${roleAttributes} PASSWORD ${client.escapeLiteral(password)}`,
    );
  } finally {
    await client.end();
  }
}

// Run by the migrator as the owner after every run, so that tables added by new migrations are
// granted too (the migrations themselves name no role): reading and writing the ordinary
// tables, reading and appending audit events, reading the derived counts, drawing from
// sequences; nothing else. Nothing is done when the owner serves too: revoking from itself
// would only lock it out of its tables.
export async function grantServingRole(client: pg.ClientBase, role: string): Promise<void> {
  const { rows } = await client.query<{ role: string }>('SELECT current_user AS role');
  if (rows[0]!.role === role) return;
  const to = client.escapeIdentifier(role);
  const existing = async (table: string) =>
    (
      await client.query<{ found: string | null }>('SELECT to_regclass($1) AS found', [
        `"${table}"`,
      ])
    ).rows[0]!.found !== null;
  await client.query('BEGIN');
  try {
    await client.query(`REVOKE ALL ON ALL TABLES IN SCHEMA public FROM ${to}`);
    await client.query(`REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM ${to}`);
    await client.query(`GRANT USAGE ON SCHEMA public TO ${to}`);
    await client.query(
      `GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${to}`,
    );
    await client.query(`GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO ${to}`);
    if (await existing(appendOnlyTable)) {
      await client.query(`REVOKE UPDATE, DELETE ON "${appendOnlyTable}" FROM ${to}`);
    }
    if (await existing(keptTable)) {
      await client.query(`REVOKE DELETE ON "${keptTable}" FROM ${to}`);
    }
    for (const table of derivedTables) {
      if (await existing(table)) {
        await client.query(`REVOKE INSERT, UPDATE, DELETE ON "${table}" FROM ${to}`);
      }
    }
    if (await existing(migrationsTable)) {
      await client.query(`REVOKE INSERT, UPDATE, DELETE ON "${migrationsTable}" FROM ${to}`);
    }
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  }
}

export async function currentRole(url: string): Promise<string> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<{ role: string }>('SELECT current_user AS role')).rows[0]!.role;
  } finally {
    await client.end();
  }
}

// What the role connected by `url` could do to the audit log beyond reading and appending;
// empty for a proper serving role.
export async function auditLogPowers(url: string): Promise<string[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<Record<string, boolean>>(
      `SELECT r.rolsuper AS "is a superuser",
              pg_has_role(current_user, c.relowner, 'MEMBER') AS "owns the audit table",
              has_any_column_privilege(c.oid, 'UPDATE') AS "may UPDATE audit events",
              has_table_privilege(c.oid, 'DELETE') AS "may DELETE audit events",
              has_table_privilege(c.oid, 'TRUNCATE') AS "may TRUNCATE audit events"
       FROM pg_roles r, pg_class c
       WHERE r.rolname = current_user AND c.oid = to_regclass($1)`,
      [`"${appendOnlyTable}"`],
    );
    const powers = rows[0] ?? {};
    return Object.keys(powers).filter((power) => powers[power]);
  } finally {
    await client.end();
  }
}
