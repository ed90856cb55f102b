// The hand-written migrations must build exactly the database that prisma/schema.prisma
// describes: Prisma's `migrate diff` needs a native engine that cannot be fetched here, so
// this compares the schema's DMMF with the catalog of a freshly migrated database instead.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../server/src/config.ts';
import { migrate } from '../server/src/db/migrator.ts';
import { createTestDatabase } from './support/database.ts';
import { inPostgresTerms, introspect } from './support/db-introspect.ts';
import { compareSchemas, expectedSchema, type SchemaObject } from './support/schema-model.ts';

const migrationsDir = path.join(projectRoot, 'prisma/migrations');
const schemaPath = path.join(projectRoot, 'prisma/schema.prisma');

async function migratedDatabase(dir = migrationsDir) {
  const url = await createTestDatabase({ empty: true });
  await migrate(url, dir);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  return client;
}

function explain(drift: string[]) {
  return `the migrations in prisma/migrations and prisma/schema.prisma disagree:\n  ${drift.join('\n  ')}\n`;
}

describe('schema drift', () => {
  let client: pg.Client;
  let expected: SchemaObject[];

  beforeAll(async () => {
    client = await migratedDatabase();
    expected = await inPostgresTerms(client, expectedSchema(schemaPath));
  });
  afterAll(() => client?.end());

  it('when every migration is applied to an empty database, then it matches schema.prisma', async () => {
    const drift = compareSchemas(expected, await introspect(client));
    expect(drift, explain(drift)).toEqual([]);
  });

  it('when schema.prisma is read, then its types, defaults and keys are expected in PostgreSQL terms', () => {
    const attributes = (name: string) =>
      expected.find((object) => object.name === name)?.attributes;
    expect(attributes('"Defender"."createdAt"')).toEqual({
      type: 'timestamp(3) with time zone',
      nullability: 'NOT NULL',
      default: 'CURRENT_TIMESTAMP',
    });
    expect(attributes('"Defender"."aliases"')).toEqual({
      type: 'text[]',
      nullability: 'NULL',
      default: 'ARRAY[]::text[]',
    });
    expect(attributes('"rate_limits"."key"')?.type).toBe('character varying(255)');
    expect(attributes('"AuditEvent_actorId_fkey"')).toMatchObject({
      'on delete': 'SET NULL',
      'on update': 'CASCADE',
    });
  });

  // Each change is made in a transaction that is rolled back, on the migrated database: the
  // comparison above proves nothing unless it sees these.
  const changes = [
    {
      change: 'a column is dropped',
      sql: 'ALTER TABLE "Defender" DROP COLUMN "region"',
      drift: ['column "Defender"."region" is in schema.prisma but not in the database'],
    },
    {
      change: 'a column is added',
      sql: 'ALTER TABLE "User" ADD COLUMN "nickname" TEXT',
      drift: ['column "User"."nickname" is in the database but not in schema.prisma'],
    },
    {
      change: 'a native type is lost',
      sql: 'ALTER TABLE "Incident" ALTER COLUMN "country" TYPE TEXT',
      drift: [
        'column "Incident"."country": type is text in the database, schema.prisma says character(2)',
      ],
    },
    {
      change: 'an optional column becomes required',
      sql: 'ALTER TABLE "Defender" ALTER COLUMN "legalName" SET NOT NULL',
      drift: [
        'column "Defender"."legalName": nullability is NOT NULL in the database, schema.prisma says NULL',
      ],
    },
    {
      change: 'an enum default changes',
      sql: `ALTER TABLE "Defender" ALTER COLUMN "gender" SET DEFAULT 'MALE'`,
      drift: [
        `column "Defender"."gender": default is 'MALE'::"Gender" in the database, schema.prisma says 'UNKNOWN'::"Gender"`,
      ],
    },
    {
      change: 'a list default is dropped',
      sql: 'ALTER TABLE "User" ALTER COLUMN "countries" DROP DEFAULT',
      drift: [
        'column "User"."countries": default is (none) in the database, schema.prisma says ARRAY[]::text[]',
      ],
    },
    {
      change: 'an index is dropped',
      sql: 'DROP INDEX "Incident_status_idx"',
      drift: ['index "Incident_status_idx" is in schema.prisma but not in the database'],
    },
    {
      change: 'an index is added',
      sql: 'CREATE INDEX "Incident_title_idx" ON "Incident" ("title")',
      drift: ['index "Incident_title_idx" is in the database but not in schema.prisma'],
    },
    {
      change: 'an index loses its sort order',
      sql: `DROP INDEX "Incident_occurredOn_id_idx";
            CREATE INDEX "Incident_occurredOn_id_idx" ON "Incident" ("occurredOn", "id")`,
      drift: [
        'index "Incident_occurredOn_id_idx": columns is ("occurredOn", "id") in the database, schema.prisma says ("occurredOn" DESC, "id" DESC)',
      ],
    },
    {
      change: 'a trigram index becomes a b-tree',
      sql: `DROP INDEX "Defender_searchText_idx";
            CREATE INDEX "Defender_searchText_idx" ON "Defender" ("searchText")`,
      drift: [
        'index "Defender_searchText_idx": columns is ("searchText") in the database, schema.prisma says ("searchText" gin_trgm_ops)',
        'index "Defender_searchText_idx": method is btree in the database, schema.prisma says gin',
      ],
    },
    {
      change: 'a unique index stops being unique',
      sql: `DROP INDEX "User_email_key"; CREATE INDEX "User_email_key" ON "User" ("email")`,
      drift: ['index "User_email_key": unique is false in the database, schema.prisma says true'],
    },
    {
      change: 'an index becomes partial',
      sql: `DROP INDEX "Incident_status_idx";
            CREATE INDEX "Incident_status_idx" ON "Incident" ("status") WHERE "deletedAt" IS NULL`,
      drift: [
        'index "Incident_status_idx": where is ("deletedAt" IS NULL) in the database, schema.prisma says (none)',
      ],
    },
    {
      change: 'a primary key changes',
      sql: `ALTER TABLE "IncidentReferenceCounter" DROP CONSTRAINT "IncidentReferenceCounter_pkey",
            ADD CONSTRAINT "IncidentReferenceCounter_pkey" PRIMARY KEY ("country")`,
      drift: [
        'primary key "IncidentReferenceCounter_pkey": columns is ("country") in the database, schema.prisma says ("country", "year")',
      ],
    },
    {
      change: 'a foreign key changes its ON DELETE',
      sql: `ALTER TABLE "Session" DROP CONSTRAINT "Session_userId_fkey",
            ADD CONSTRAINT "Session_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id")
            ON DELETE RESTRICT ON UPDATE CASCADE`,
      drift: [
        'foreign key "Session_userId_fkey": on delete is RESTRICT in the database, schema.prisma says CASCADE',
      ],
    },
    {
      change: 'a foreign key is dropped',
      sql: 'ALTER TABLE "AuditEvent" DROP CONSTRAINT "AuditEvent_actorId_fkey"',
      drift: ['foreign key "AuditEvent_actorId_fkey" is in schema.prisma but not in the database'],
    },
    {
      change: 'an enum gains a value',
      sql: `ALTER TYPE "Role" ADD VALUE 'AUDITOR'`,
      drift: [
        'enum "Role": values is ADMIN, ADVOCACY, AUDITOR, MANAGER, RESEARCHER in the database, schema.prisma says ADMIN, ADVOCACY, MANAGER, RESEARCHER',
      ],
    },
    {
      change: 'a table is dropped',
      sql: 'DROP TABLE "VocabularyTerm"',
      drift: ['table "VocabularyTerm" is in schema.prisma but not in the database'],
    },
    {
      change: 'a table is added',
      sql: 'CREATE TABLE "Scratch" ("id" INTEGER PRIMARY KEY)',
      drift: ['table "Scratch" is in the database but not in schema.prisma'],
    },
    {
      change: 'the trigram extension is dropped',
      sql: 'DROP EXTENSION pg_trgm CASCADE',
      drift: [
        'extension pg_trgm is in schema.prisma but not in the database',
        'index "Defender_searchText_idx" is in schema.prisma but not in the database',
        'index "Incident_searchText_idx" is in schema.prisma but not in the database',
      ],
    },
  ];
  for (const { change, sql, drift } of changes) {
    it(`when ${change}, then the drift is reported`, async () => {
      await client.query('BEGIN');
      try {
        await client.query(sql);
        expect(compareSchemas(expected, await introspect(client))).toEqual(drift);
      } finally {
        await client.query('ROLLBACK');
      }
    });
  }

  it('when a migration file lacks a column, then the migrated database is reported as drifted', async () => {
    const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'vigil-drift-'));
    try {
      fs.cpSync(migrationsDir, scratch, { recursive: true });
      const file = path.join(scratch, '20261124220000_init/migration.sql');
      const original = fs.readFileSync(file, 'utf8');
      const edited = original.replace('    "pseudonym" TEXT,\n', '');
      expect(edited).not.toBe(original);
      fs.writeFileSync(file, edited);

      const drifted = await migratedDatabase(scratch);
      try {
        expect(compareSchemas(expected, await introspect(drifted))).toEqual([
          'column "Defender"."pseudonym" is in schema.prisma but not in the database',
        ]);
      } finally {
        await drifted.end();
      }
    } finally {
      fs.rmSync(scratch, { recursive: true, force: true });
    }
  });
});
