import { randomUUID } from 'node:crypto';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseCsv } from 'csv-parse/sync';
import { defineAbilityFor } from '@vigil/shared/auth/abilities';
import { documentIncidentLimit, type CaseSummaryQuery } from '@vigil/shared/schemas/exports';
import { createTestDatabase } from '../../../../tests/support/database.ts';
import { openDatabase, type Database } from '../../db/prisma.ts';
import type { Ctx } from '../../http/request-context.ts';
import { ensureVocabularies } from '../vocabularies/index.ts';
import { exportPageSize } from './case-file.ts';
import { exportCaseSummary } from './exports.service.ts';

// Exports of more incidents than a page: the order holds across pages, documents refuse what
// nobody can read, and the number of queries does not grow with the number of incidents.
describe('case summaries larger than a page', () => {
  let database: Database;
  let ctx: Ctx;
  let queries = 0;
  let inFileOrder: string[] = [];
  const total = 2 * exportPageSize + 100;

  beforeAll(async () => {
    database = openDatabase(await createTestDatabase());
    // every connection of the pool counts its statements
    database.pool.on('connect', (client) => {
      const query = client.query.bind(client) as (...args: unknown[]) => unknown;
      client.query = ((...args: unknown[]) => {
        queries += 1;
        return query(...args);
      }) as typeof client.query;
    });
    const db = database.db;
    await ensureVocabularies(db);
    const user = await db.user.create({
      data: { email: 'size@example.test', name: 'Size', role: 'ADMIN', passwordHash: 'x' },
    });
    ctx = {
      db,
      pool: database.pool,
      user: { ...user, countries: [] },
      ability: defineAbilityFor(user),
      ip: undefined,
    };
    const defender = await db.defender.create({
      data: { displayName: 'Many Times', consent: 'PUBLIC', country: 'VN', createdById: user.id },
    });
    // dates out of insertion order, several incidents a day
    const incidents = Array.from({ length: total }, (_, i) => ({
      id: randomUUID(),
      reference: `VN-2000-${String(total - i).padStart(5, '0')}`,
      title: `Incident ${i}`,
      summary: 'Many incidents',
      occurredOn: new Date(Date.UTC(2000, 0, 1 + ((i * 37) % 300))),
      country: 'VN',
      status: 'VERIFIED' as const,
      createdById: user.id,
    }));
    await db.incident.createMany({ data: incidents });
    inFileOrder = incidents
      .map((incident) => `${incident.occurredOn.toISOString()} ${incident.reference}`)
      .sort()
      .map((key) => key.split(' ')[1]!);
    await db.incidentAct.createMany({
      data: incidents.map((incident) => ({
        incidentId: incident.id,
        position: 0,
        defenderId: defender.id,
        violation: 'ARBITRARY_ARREST',
      })),
    });
  });
  afterAll(() => database.close());

  async function csvOf(query: Omit<CaseSummaryQuery, 'format'>) {
    queries = 0;
    const summary = await exportCaseSummary(ctx, { format: 'csv', ...query });
    const out = new PassThrough();
    const chunks: Buffer[] = [];
    out.on('data', (chunk: Buffer) => chunks.push(chunk));
    await summary.render(out);
    return {
      rows: parseCsv(Buffer.concat(chunks), { bom: true, columns: true }) as Record<
        string,
        string
      >[],
      queries,
    };
  }

  it('when an export spans pages, then every incident comes once, in date then reference order', async () => {
    const { rows } = await csvOf({ country: ['VN'] });
    expect(rows.map((row) => row.Reference)).toEqual(inFileOrder);
  });

  it('when an export holds ten times more incidents, then it runs no more queries than a few per extra page', async () => {
    const small = await csvOf({ country: ['VN'], to: '2000-01-30' });
    const large = await csvOf({ country: ['VN'] });
    expect(small.rows.length).toBeLessThan(exportPageSize);
    expect(large.rows.length).toBe(total);
    expect(small.queries).toBeGreaterThan(0);
    const extraPages = Math.ceil(total / exportPageSize) - 1;
    expect(large.queries).toBeLessThanOrEqual(small.queries + extraPages * 10);
  });

  it.each(['json', 'csv', 'xlsx'] as const)(
    'when the reader of a %s export goes away half-way, then the export stops instead of waiting',
    async (format) => {
      const summary = await exportCaseSummary(ctx, { format, country: ['VN'] });
      // a reader who takes 64 KB and then hangs up
      const out = new PassThrough({ highWaterMark: 16 * 1024 });
      let taken = 0;
      out.on('data', (chunk: Buffer) => {
        taken += chunk.length;
        if (taken > 64 * 1024) out.destroy();
      });
      await expect(summary.render(out)).rejects.toThrow();
    },
  );

  it('when a document would hold more incidents than the limit, then 400 asks to narrow the filters; spreadsheets stream them', async () => {
    await expect(exportCaseSummary(ctx, { format: 'docx', country: ['VN'] })).rejects.toMatchObject(
      {
        code: 'VALIDATION',
        message: expect.stringContaining('Narrow the filters'),
      },
    );
    expect(total).toBeGreaterThan(documentIncidentLimit);
    const summary = await exportCaseSummary(ctx, { format: 'xlsx', country: ['VN'] });
    expect(summary.filename).toMatch(/^vigil-case-summary-\d{4}-\d{2}-\d{2}\.xlsx$/);
  });
});
