import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DefenderOutput } from '@vigil/shared/schemas/defenders';
import type { IncidentOutput } from '@vigil/shared/schemas/incidents';
import { searchTextOf } from '@vigil/shared/search';
import { startTestApp, type TestApp } from '../../../tests/support/app.ts';
import { clientFor, type RoleClient } from '../../../tests/support/http.ts';
import { loadConfig } from '../config.ts';
import { upload } from '../modules/attachments/attachments.fixtures.ts';
import { configuredAttachments } from '../modules/attachments/index.ts';
import { incidentBody, json, postIncident } from '../modules/incidents/incidents.factories.ts';
import { decryptStream, encryptStream } from './chunked-cipher.ts';
import { addKeyToFiles, loadKeyRing, previousKeysFileOf } from './data-key.ts';
import { createFieldCipher, keyIdOf, placeOf, sealedPattern } from './field-cipher.ts';
import { rotateKeys, sealPlaintext } from './reseal.ts';

let app: TestApp;
let researcher: RoleClient;
const settings = () => ({ NODE_ENV: 'test' as const, DATA_DIR: app.dataDir });

beforeAll(async () => {
  app = await startTestApp();
  researcher = await clientFor(app, 'RESEARCHER', ['KH']);
});
afterAll(() => app.close());

const secrets = {
  legalName: 'Chea Sopheap ជា សុភាព',
  contact: 'Signal +855 12 345 678',
  region: 'Ratanakiri',
};

async function createDefender(fields: Record<string, unknown> = secrets) {
  const response = await researcher.request('POST', '/api/defenders', {
    displayName: 'Sopheap C.',
    country: 'KH',
    ...fields,
  });
  expect(response.status, await response.clone().text()).toBe(201);
  return json<DefenderOutput>(response);
}

// with SQL through node-postgres, as someone holding a copy of the database would read it
async function rawDefender(id: string) {
  const { rows } = await app.database.pool.query<Record<string, string | null>>(
    'SELECT "legalName", "contact", "region" FROM "Defender" WHERE id = $1',
    [id],
  );
  return rows[0]!;
}

async function auditText(entityId: string) {
  const { rows } = await app.database.pool.query<{ text: string }>(
    'SELECT string_agg(changes::text, \' \') AS text FROM "AuditEvent" WHERE "entityId" = $1',
    [entityId],
  );
  return rows[0]!.text;
}

describe('sensitive fields at rest', () => {
  it('when a defender is created and updated through the API, then its row and its audit events hold none of the sensitive values in clear, and include=sensitive shows them', async () => {
    const created = await createDefender();
    const changed = { legalName: 'Chea Sopheap Dara', contact: 'Wire +855 99 000 111' };
    const patched = await researcher.request('PATCH', `/api/defenders/${created.id}`, {
      version: created.version,
      ...changed,
    });
    expect(patched.status, await patched.clone().text()).toBe(200);

    const row = await rawDefender(created.id);
    for (const column of ['legalName', 'contact', 'region'] as const) {
      expect(row[column]).toMatch(sealedPattern);
    }
    const stored = JSON.stringify(row) + (await auditText(created.id));
    for (const value of [...Object.values(secrets), ...Object.values(changed)]) {
      expect(stored).not.toContain(value);
    }
    expect(stored).not.toContain('Sopheap Dara');
    const shown = await json<DefenderOutput>(
      await researcher.get(`/api/defenders/${created.id}?include=sensitive`),
    );
    expect(shown).toMatchObject({ ...changed, region: secrets.region });
  });

  it('when an incident is created and its sources changed through the API, then no source identity is in clear, each opens only for its own source, and sources saved again unchanged are no change', async () => {
    const defender = await createDefender({});
    const sources = [
      {
        kind: 'VICTIM_TESTIMONY',
        reliability: 'RELIABLE',
        description: 'neighbour',
        identity: 'Sok Lina',
      },
      { kind: 'MEDIA_REPORT', reliability: 'UNKNOWN', description: 'court file', identity: null },
    ];
    const incident = await postIncident(researcher, incidentBody(defender.id, { sources }));
    const renamed = [{ ...sources[0]!, identity: 'Sok Lina, sister' }, sources[1]!];
    const patched = await researcher.request('PATCH', `/api/incidents/${incident.id}`, {
      version: incident.version,
      sources: renamed,
    });
    expect(patched.status, await patched.clone().text()).toBe(200);
    const again = await researcher.request('PATCH', `/api/incidents/${incident.id}`, {
      version: incident.version + 1,
      sources: renamed,
    });
    expect(again.status).toBe(200);
    // an edit that leaves the sources out keeps their sealed identities as they are
    const retitled = await researcher.request('PATCH', `/api/incidents/${incident.id}`, {
      version: incident.version + 2,
      title: 'Retitled without touching the sources',
    });
    expect(retitled.status).toBe(200);

    const { rows } = await app.database.pool.query<{ id: string; identity: string | null }>(
      'SELECT id, identity FROM "IncidentSource" WHERE "incidentId" = $1 ORDER BY position',
      [incident.id],
    );
    expect(rows[0]!.identity).toMatch(sealedPattern);
    expect(rows[1]!.identity).toBeNull();
    const stored = JSON.stringify(rows) + (await auditText(incident.id));
    expect(stored).not.toContain('Sok Lina');
    const { rows: updates } = await app.database.pool.query<{ changes: object }>(
      `SELECT changes FROM "AuditEvent" WHERE "entityId" = $1 AND action = 'UPDATE' ORDER BY seq`,
      [incident.id],
    );
    expect(updates.map(({ changes }) => Object.keys(changes))).toEqual([
      ['sources'],
      [],
      ['title'],
    ]);
    const shown = await json<IncidentOutput>(
      await researcher.get(`/api/incidents/${incident.id}?include=sensitive`),
    );
    expect(shown.sources.map((source) => source.identity)).toEqual(['Sok Lina, sister', null]);
  });

  it('when a sealed value is copied into another defender, then it does not open there: 500 without either value, and the record still reads without it', async () => {
    const [source, target] = [await createDefender(), await createDefender({ legalName: 'Other' })];
    await app.database.pool.query(
      `UPDATE "Defender" SET "legalName" = (SELECT "legalName" FROM "Defender" WHERE id = $1)
       WHERE id = $2`,
      [source.id, target.id],
    );
    const response = await researcher.get(`/api/defenders/${target.id}?include=sensitive`);
    expect(response.status).toBe(500);
    const text = await response.text();
    expect(text).toContain('INTERNAL');
    expect(text).not.toContain(secrets.legalName);
    expect(text).not.toContain('Other');
    expect((await researcher.get(`/api/defenders/${target.id}`)).status).toBe(200);
    await app.database.pool.query('UPDATE "Defender" SET "legalName" = NULL WHERE id = $1', [
      target.id,
    ]);
  });
});

describe('key rotation', () => {
  it('when keys:rotate runs while defenders are being changed through the API, then every value ends under the new key only, with no change lost, and files sealed before still open', async () => {
    const count = 120;
    const defenders: DefenderOutput[] = [];
    for (let start = 0; start < count; start += 20) {
      defenders.push(
        ...(await Promise.all(
          Array.from({ length: 20 }, (_, i) =>
            createDefender({ ...secrets, legalName: `Legal name ${start + i}` }),
          ),
        )),
      );
    }
    // one written before values were sealed, straight into the table
    const legacy = await app.database.db.defender.create({
      data: {
        displayName: 'Legacy',
        legalName: 'Legacy legal name',
        country: 'KH',
        createdById: researcher.userId,
        searchText: searchTextOf(['Legacy']),
      },
    });
    const file = Buffer.from('A statement taken in Ratanakiri. '.repeat(6000));
    const attached = await upload(researcher, `/api/defenders/${defenders[0]!.id}/attachments`, {
      bytes: file,
      name: 'statement.txt',
      type: 'text/plain',
    });
    expect(attached.status, await attached.clone().text()).toBe(201);
    const { id: attachmentId } = await json<{ id: string }>(attached);
    const [oldKey] = loadKeyRing(settings(), () => {});

    // most defenders are edited, eight at a time, while the rotation walks them
    const edited = defenders.filter((_, index) => index % 4 !== 3);
    const queue = [...edited];
    const answers: number[] = [];
    const edit = async () => {
      for (let defender = queue.shift(); defender; defender = queue.shift()) {
        const response = await researcher.request('PATCH', `/api/defenders/${defender.id}`, {
          version: defender.version,
          legalName: `Edited ${defender.id}`,
          contact: `Edited contact ${defender.id}`,
        });
        answers.push(response.status);
      }
    };
    const [summary] = await Promise.all([
      rotateKeys(settings(), app.database.pool, { batchSize: 25 }),
      ...Array.from({ length: 8 }, edit),
    ]);
    expect(answers).toEqual(edited.map(() => 200));

    const [newKey, ...previous] = loadKeyRing(settings(), () => {});
    expect(newKey!.equals(oldKey!)).toBe(false);
    expect(previous.some((key) => key.equals(oldKey!))).toBe(true);
    // edits that reached the server after the new key were sealed under it by the server
    expect(summary['Defender.legalName']!.resealed).toBeGreaterThanOrEqual(count - edited.length);
    expect(summary['Defender.legalName']!.plaintextSealed).toBe(1);
    expect(summary['Defender.legalName']!.unreadable).toEqual([]);

    const onlyNew = createFieldCipher([newKey!]);
    const { rows } = await app.database.pool.query<Record<string, string | null>>(
      'SELECT id, "legalName", "contact", "region" FROM "Defender"',
    );
    const opened = rows.map((row) => {
      const values: Record<string, string | null> = {};
      for (const column of ['legalName', 'contact', 'region']) {
        const value = row[column] ?? null;
        expect(value === null || value.startsWith(`v1.${keyIdOf(newKey!)}.`)).toBe(true);
        values[column] = value && onlyNew.open(value, placeOf('Defender', column, row.id!));
      }
      return [row.id, values] as const;
    });
    const valuesOf = new Map(opened);
    defenders.forEach((defender, index) => {
      const values = valuesOf.get(defender.id)!;
      if (edited.includes(defender)) {
        expect(values).toEqual({
          legalName: `Edited ${defender.id}`,
          contact: `Edited contact ${defender.id}`,
          region: secrets.region,
        });
      } else expect(values).toEqual({ ...secrets, legalName: `Legal name ${index}` });
    });
    expect(valuesOf.get(legacy.id)).toEqual({
      legalName: 'Legacy legal name',
      contact: null,
      region: null,
    });
    // the running server opens what the rotation sealed
    const shown = await json<DefenderOutput>(
      await researcher.get(`/api/defenders/${legacy.id}?include=sensitive`),
    );
    expect(shown.legalName).toBe('Legacy legal name');

    // a server started after the rotation opens the file sealed under the previous key
    const row = await app.database.db.attachment.findUniqueOrThrow({ where: { id: attachmentId } });
    const { store } = configuredAttachments(
      {
        ...loadConfig(),
        ...settings(),
        VIGIL_DATA_KEY: undefined,
        ATTACHMENT_S3_BUCKET: undefined,
      },
      () => {},
    );
    expect((await buffer(await store.get(row.storageKey))).equals(file)).toBe(true);

    // run again: nothing left to do
    const again = await rotateKeys(settings(), app.database.pool, { keepKey: true });
    expect(again['Defender.legalName']).toMatchObject({ resealed: 0, plaintextSealed: 0 });
    expect(again['Defender.legalName']!.alreadyCurrent).toBeGreaterThan(count);
  }, 60_000);

  it('when the server starts over plain-text values, then they are sealed and open as they were', async () => {
    const defender = await app.database.db.defender.create({
      data: {
        displayName: 'Before sealing',
        contact: 'Old contact',
        country: 'KH',
        createdById: researcher.userId,
        searchText: searchTextOf(['Before sealing']),
      },
    });
    const messages: string[] = [];
    await sealPlaintext(
      app.database.pool,
      createFieldCipher(loadKeyRing(settings(), () => {})),
      (message) => messages.push(message),
    );
    expect((await rawDefender(defender.id)).contact).toMatch(sealedPattern);
    expect(messages).toEqual(['sealed 1 sensitive values kept in plain text until now']);
    const shown = await json<DefenderOutput>(
      await researcher.get(`/api/defenders/${defender.id}?include=sensitive`),
    );
    expect(shown.contact).toBe('Old contact');
  });
});

describe('the key ring', () => {
  it('when a key is added to the key files, then it becomes current, the old ones follow it, and both files are for their owner only', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vigil-ring-'));
    const files = { NODE_ENV: 'development' as const, DATA_DIR: dir };
    const [first] = loadKeyRing(files, () => {});
    const second = addKeyToFiles(files, () => {});
    const third = addKeyToFiles(files, () => {});
    expect(loadKeyRing(files, () => {})).toEqual([third, second, first]);
    for (const file of ['data-key', 'data-key.previous']) {
      expect(fs.statSync(path.join(dir, file)).mode & 0o777).toBe(0o600);
    }
    expect(fs.readFileSync(previousKeysFileOf(dir), 'utf8').split('\n')).toHaveLength(3);
    fs.rmSync(dir, { recursive: true });
  });

  it('when VIGIL_DATA_KEY is set, then the ring is it and VIGIL_PREVIOUS_DATA_KEYS, and the key files are not touched', () => {
    const [current, previous] = [randomBytes(32), randomBytes(32)];
    const environment = {
      NODE_ENV: 'production' as const,
      DATA_DIR: '/nonexistent',
      VIGIL_DATA_KEY: current.toString('base64'),
      VIGIL_PREVIOUS_DATA_KEYS: [previous.toString('base64')],
    };
    expect(loadKeyRing(environment, () => {})).toEqual([current, previous]);
    expect(() => addKeyToFiles(environment, () => {})).toThrow(/environment gives the keys/);
    expect(() =>
      loadKeyRing({ ...environment, VIGIL_PREVIOUS_DATA_KEYS: ['c2hvcnQ='] }, () => {}),
    ).toThrow(/VIGIL_PREVIOUS_DATA_KEYS entry 1 must be 32 bytes/);
  });
});

describe('archives and files across keys', () => {
  async function sealed(key: Buffer, plain: Buffer) {
    return buffer(Readable.from([plain]).pipe(encryptStream(key)));
  }

  it('when a stream sealed under a previous key is opened with the ring, then it opens; without that key it is refused', async () => {
    const [previous, current] = [randomBytes(32), randomBytes(32)];
    const plain = randomBytes(150_000);
    const archive = await sealed(previous, plain);
    const opened = await buffer(Readable.from([archive]).pipe(decryptStream([current, previous])));
    expect(opened.equals(plain)).toBe(true);
    await expect(buffer(Readable.from([archive]).pipe(decryptStream([current])))).rejects.toThrow(
      /integrity/,
    );
  });
});
