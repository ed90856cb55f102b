import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DefenderList, SimilarDefenders } from '@vigil/shared/schemas/defenders';
import { searchTextOf } from '@vigil/shared/search';
import { startTestApp, type TestApp } from '../../../../tests/support/app.ts';
import { clientFor, type Client } from '../../../../tests/support/http.ts';

let app: TestApp;
let admin: Client;
let researcher: Client;
const ids: Record<string, string> = {};

const people = {
  hoa: {
    displayName: 'Hoa Nguyen',
    aliases: ['Nguyễn Thị Hoà'],
    country: 'VN',
    sectors: ['LAND_ENVIRONMENT'],
    riskLevel: 'HIGH',
  },
  sokha: {
    displayName: 'Sokha Chan',
    aliases: ['ចាន់ សុខា'],
    country: 'KH',
    sectors: ['PRO_DEMOCRACY', 'STUDENT_YOUTH'],
    riskLevel: 'CRITICAL',
  },
  sokhaMm: { displayName: 'Sokha Meas', country: 'MM', riskLevel: 'LOW' },
  aung: {
    displayName: 'Ko Aung',
    aliases: ['ကိုအောင်'],
    country: 'MM',
    sectors: ['STUDENT_YOUTH'],
  },
  somchai: { displayName: 'Somchai P.', aliases: ['สมชาย'], country: 'TH', riskLevel: 'HIGH' },
  wei: { displayName: 'Li Wei', aliases: ['李伟'], country: 'TW' },
  radio: { displayName: '100% Free Radio', country: 'KH', sectors: ['JOURNALIST_MEDIA'] },
};

beforeAll(async () => {
  app = await startTestApp();
  [admin, researcher] = await Promise.all([
    clientFor(app, 'ADMIN'),
    clientFor(app, 'RESEARCHER', ['KH', 'TH']),
  ]);
  for (const [key, body] of Object.entries(people)) {
    const response = await admin.request('POST', '/api/defenders', body);
    expect(response.status, await response.clone().text()).toBe(201);
    ids[key] = ((await response.json()) as { id: string }).id;
  }
});
afterAll(() => app.close());

async function list(client: Client, query: string) {
  const response = await client.get(`/api/defenders?${query}`);
  expect(response.status, await response.clone().text()).toBe(200);
  return (await response.json()) as DefenderList;
}

async function found(client: Client, query: string) {
  const { items } = await list(client, query);
  return items.map((item) => item.id).sort();
}

const idsOf = (...keys: (keyof typeof people)[]) => keys.map((key) => ids[key]!).sort();
const q = (text: string) => `q=${encodeURIComponent(text)}`;

describe('q', () => {
  it('when an alias is typed without accents or in another case, then it is found', async () => {
    expect(await found(admin, q('nguyen thi hoa'))).toEqual(idsOf('hoa'));
    expect(await found(admin, q('NGUYỄN Thị HOÀ'))).toEqual(idsOf('hoa'));
    expect(await found(admin, q('  hoà   NGUYEN '))).toEqual(idsOf('hoa'));
  });

  it('when every word must occur, then a missing one finds nothing', async () => {
    expect(await found(admin, q('nguyen sokha'))).toEqual([]);
  });

  it('when the query is in Khmer, Burmese, Thai or Chinese script, then it is found', async () => {
    expect(await found(admin, q('សុខា'))).toEqual(idsOf('sokha'));
    expect(await found(admin, q('အောင်'))).toEqual(idsOf('aung'));
    expect(await found(admin, q('สมชาย'))).toEqual(idsOf('somchai'));
    expect(await found(admin, q('李伟'))).toEqual(idsOf('wei'));
  });

  it('when the query holds LIKE wildcards, then they match only themselves', async () => {
    expect(await found(admin, q('%'))).toEqual(idsOf('radio'));
    expect(await found(admin, q('_'))).toEqual([]);
  });

  it('when the caller may not read a match, then search does not return it', async () => {
    expect(await found(researcher, q('aung'))).toEqual([]);
    expect(await found(researcher, q('sokha'))).toEqual(idsOf('sokha'));
  });

  it('when q is combined with a filter, then both apply', async () => {
    expect(await found(admin, `${q('sokha')}&country=MM`)).toEqual(idsOf('sokhaMm'));
  });
});

describe('filters', () => {
  it('when a filter is repeated, then any of its values matches', async () => {
    expect(await found(admin, 'country=KH&country=TH')).toEqual(idsOf('sokha', 'somchai', 'radio'));
    expect(await found(admin, 'riskLevel=HIGH&riskLevel=CRITICAL')).toEqual(
      idsOf('hoa', 'sokha', 'somchai'),
    );
    expect(await found(admin, 'sector=STUDENT_YOUTH')).toEqual(idsOf('sokha', 'aung'));
    expect(await found(admin, 'sector=JOURNALIST_MEDIA&sector=LAND_ENVIRONMENT')).toEqual(
      idsOf('hoa', 'radio'),
    );
  });

  it('when filters are combined, then a defender must match each of them', async () => {
    expect(await found(admin, 'sector=STUDENT_YOUTH&country=KH')).toEqual(idsOf('sokha'));
    expect(await found(admin, 'sector=STUDENT_YOUTH&riskLevel=LOW')).toEqual([]);
  });

  it('when a researcher filters on a country outside theirs, then the list is empty', async () => {
    expect(await found(researcher, 'country=MM')).toEqual([]);
    expect(await found(researcher, '')).toEqual(idsOf('sokha', 'somchai', 'radio'));
  });
});

describe('similar', () => {
  async function similar(client: Client, query: string) {
    const response = await client.get(`/api/defenders/similar?${query}`);
    expect(response.status, await response.clone().text()).toBe(200);
    return ((await response.json()) as SimilarDefenders).items;
  }

  it('when a name is misspelt, then the likely duplicate comes first with its score', async () => {
    const [best] = await similar(admin, 'name=sokha%20chann');
    expect(best).toMatchObject({ id: ids.sokha, displayName: 'Sokha Chan', country: 'KH' });
    expect(best!.similarity).toBeGreaterThan(0.5);
    expect(best!.similarity).toBeLessThanOrEqual(1);
  });

  it('when the name carries accents or another case, then it still matches', async () => {
    const items = await similar(admin, `name=${encodeURIComponent('NGUYỄN THI HOA')}`);
    expect(items.map((item) => item.id)).toContain(ids.hoa);
  });

  it('when the name is in Khmer script, then a defender with that alias is found', async () => {
    const [best] = await similar(admin, `name=${encodeURIComponent('សុខា ចាន់')}`);
    expect(best).toMatchObject({ id: ids.sokha, similarity: 1 });
  });

  it('when a Khmer name is misspelt, then the defender is still suggested', async () => {
    // the alias is "ចាន់ សុខា"; here the space and the last vowel sign are missing
    const items = await similar(admin, `name=${encodeURIComponent('ចាន់សុខ')}`);
    expect(items.map((item) => item.id)).toContain(ids.sokha);
  });

  it('when a country is given, then only defenders of that country come back', async () => {
    const everywhere = (await similar(admin, 'name=sokha')).map((item) => item.id);
    expect(everywhere.slice(0, 2).sort()).toEqual(idsOf('sokha', 'sokhaMm'));
    const inMm = await similar(admin, 'name=sokha&country=MM');
    expect(inMm.map((item) => item.id)).toEqual([ids.sokhaMm]);
  });

  it('when the caller may not read a candidate, then it is not listed', async () => {
    const items = await similar(researcher, 'name=sokha');
    expect(items[0]!.id).toBe(ids.sokha);
    expect(items.map((item) => item.id)).not.toContain(ids.sokhaMm);
    expect(items.every((item) => ['KH', 'TH'].includes(item.country))).toBe(true);
  });

  it('when candidates are listed, then no sensitive field is among them', async () => {
    const [best] = await similar(admin, 'name=sokha%20chan');
    for (const field of ['legalName', 'contact', 'region']) {
      expect(best).not.toHaveProperty(field);
    }
  });

  it('when a short Latin fragment occurs inside names, then it scores low', async () => {
    const items = await similar(admin, 'name=an');
    expect(items.every((item) => item.similarity < 0.5)).toBe(true);
  });

  it('when nothing is alike, then the list is empty', async () => {
    expect(await similar(admin, 'name=zzyzx%20qwv')).toEqual([]);
  });

  it('when the name is missing, then 400', async () => {
    expect((await admin.get('/api/defenders/similar')).status).toBe(400);
  });
});

describe('pages', () => {
  let walkers: string[];
  beforeAll(async () => {
    // same createdAt for all, so that only the id breaks ties between them
    const createdAt = new Date('2024-05-01T08:00:00.000Z');
    const admins = await app.database.db.user.findFirstOrThrow({ where: { role: 'ADMIN' } });
    const rows = Array.from({ length: 5 }, (_, index) => {
      const displayName = `Walker Tied ${index}`;
      return {
        displayName,
        country: 'KH',
        createdAt,
        updatedAt: createdAt,
        createdById: admins.id,
        searchText: searchTextOf([displayName]),
      };
    });
    await app.database.db.defender.createMany({ data: rows });
    for (const index of [0, 1, 2, 3]) {
      await admin.request('POST', '/api/defenders', {
        displayName: `Walker Later ${index}`,
        country: 'KH',
      });
    }
    walkers = (
      await app.database.db.defender.findMany({
        where: { displayName: { startsWith: 'Walker' } },
        orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
        select: { id: true },
      })
    ).map((row) => row.id);
  });

  async function walk(query: string, limit: number) {
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page: DefenderList = await list(
        admin,
        `${query}&limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`,
      );
      expect(page.items.length).toBeLessThanOrEqual(limit);
      seen.push(...page.items.map((item) => item.id));
      cursor = page.nextCursor;
      pages += 1;
    } while (cursor && pages < 20);
    return { seen, pages };
  }

  it('when walking newest first, then every defender comes once in order', async () => {
    const { seen, pages } = await walk('q=walker', 2);
    expect(seen).toEqual(walkers);
    expect(pages).toBe(5);
  });

  it('when walking oldest first, then the order is reversed', async () => {
    const { seen } = await walk('q=walker&sort=createdAt', 4);
    expect(seen).toEqual([...walkers].reverse());
  });

  it('when sorting by -updatedAt, then the last edited comes first', async () => {
    const target = walkers.at(-1)!;
    const response = await admin.request('PATCH', `/api/defenders/${target}`, {
      version: 1,
      riskLevel: 'HIGH',
    });
    expect(response.status).toBe(200);
    const { seen } = await walk('q=walker&sort=-updatedAt', 3);
    expect(seen[0]).toBe(target);
    expect([...seen].sort()).toEqual([...walkers].sort());
  });

  it('when the cursor is not one the list handed out, then 400', async () => {
    expect((await admin.get('/api/defenders?cursor=bogus')).status).toBe(400);
  });
});
