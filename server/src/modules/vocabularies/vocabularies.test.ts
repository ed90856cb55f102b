import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { roles } from '@vigil/shared/enums';
import { vocabularyNames } from '@vigil/shared/vocabularies';
import type { VocabulariesOutput, VocabularyTermOutput } from '@vigil/shared/schemas/vocabularies';
import { startTestApp, type TestApp } from '../../../../tests/support/app.ts';
import { anonymous, clientFor, type Client } from '../../../../tests/support/http.ts';
import { assertKnownCodes, codeKey } from './index.ts';

describe('/api/vocabularies', () => {
  let app: TestApp;
  let admin: Client;
  let manager: Client;
  let codeCounter = 0;
  const newCode = () => `TEST_TERM_${++codeCounter}`;

  beforeAll(async () => {
    app = await startTestApp();
    admin = await clientFor(app, 'ADMIN');
    manager = await clientFor(app, 'MANAGER');
  });
  afterAll(() => app.close());

  const vocabularies = async (client: Client) =>
    (await (await client.get('/api/vocabularies')).json()) as VocabulariesOutput;

  const auditOf = (entityId: string) =>
    app.database.db.auditEvent.findMany({ where: { entity: 'VocabularyTerm', entityId } });

  describe('GET', () => {
    it.each(roles)('when a %s asks, then every vocabulary comes back in order', async (role) => {
      const client = await clientFor(app, role, ['KH']);
      const response = await client.get('/api/vocabularies');
      expect(response.status).toBe(200);
      const body = (await response.json()) as VocabulariesOutput;
      expect(Object.keys(body)).toEqual([...vocabularyNames]);
      expect(body.violations[0]).toEqual({
        code: 'ARBITRARY_ARREST',
        label: 'Arbitrary arrest',
        parent: 'LIBERTY',
        retired: false,
      });
      expect(body.violations.find((term) => term.code === 'SLAPP')?.description).toBe(
        'strategic lawsuit by a company or official',
      );
      expect(body.chargeStatus.map((term) => term.code)).toEqual([
        'INVESTIGATION',
        'CHARGED',
        'ON_TRIAL',
        'CONVICTED',
        'ACQUITTED',
        'DROPPED',
        'APPEAL',
        'PARDONED',
      ]);
      expect(body.involvement[0]).not.toHaveProperty('parent');
      expect(body.involvement[0]).not.toHaveProperty('description');
    });

    it('when nobody is signed in, then it is 401', async () => {
      const response = await anonymous(app)('GET', '/api/vocabularies');
      expect(response.status).toBe(401);
    });
  });

  describe('POST /:name', () => {
    it('when an admin adds a term, then it comes last in its list and is audited', async () => {
      const code = newCode();
      const response = await admin.request('POST', '/api/vocabularies/violations', {
        code,
        label: 'Test term',
        description: 'for the tests',
        parent: 'LIBERTY',
      });
      expect(response.status).toBe(201);
      const term = (await response.json()) as VocabularyTermOutput;
      expect(term).toEqual({
        code,
        label: 'Test term',
        description: 'for the tests',
        parent: 'LIBERTY',
        retired: false,
      });
      expect((await vocabularies(manager)).violations.at(-1)).toEqual(term);
      const [event, ...others] = await auditOf(`violations:${code}`);
      expect(others).toHaveLength(0);
      expect(event).toMatchObject({ action: 'CREATE', actorId: admin.userId, country: null });
      expect(event?.changes).toMatchObject({ code: { from: null, to: code } });
    });

    it('when the code exists, then it is 409 CONFLICT and nothing changes', async () => {
      const response = await admin.request('POST', '/api/vocabularies/sectors', {
        code: 'PRO_DEMOCRACY',
        label: 'Something else',
      });
      expect(response.status).toBe(409);
      expect(((await response.json()) as { error: { code: string } }).error.code).toBe('CONFLICT');
      const sector = (await vocabularies(admin)).sectors.find((t) => t.code === 'PRO_DEMOCRACY');
      expect(sector?.label).toBe('Pro-democracy');
    });

    it('when the vocabulary does not exist, then it is 404', async () => {
      const response = await admin.request('POST', '/api/vocabularies/weapons', {
        code: newCode(),
        label: 'x',
      });
      expect(response.status).toBe(404);
    });

    it.each([
      ['a lower-case code', { code: 'not_upper', label: 'x' }, 'body.code'],
      ['no label', { code: 'NO_LABEL' }, 'body.label'],
      ['an unknown field', { code: 'EXTRA_FIELD', label: 'x', colour: 'red' }, 'body'],
      ['a lower-case parent', { code: 'BAD_PARENT', label: 'x', parent: 'liberty' }, 'body.parent'],
    ])('when the body has %s, then it is 400 VALIDATION', async (_case, body, path) => {
      const response = await admin.request('POST', '/api/vocabularies/violations', body);
      expect(response.status).toBe(400);
      const error = ((await response.json()) as { error: { code: string; details: unknown[] } })
        .error;
      expect(error.code).toBe('VALIDATION');
      expect(error.details).toContainEqual(expect.objectContaining({ path }));
    });

    it.each(['RESEARCHER', 'ADVOCACY', 'MANAGER'] as const)(
      'when a %s adds a term, then it is 403 and nothing is added',
      async (role) => {
        const client = await clientFor(app, role);
        const code = newCode();
        const response = await client.request('POST', '/api/vocabularies/violations', {
          code,
          label: 'x',
        });
        expect(response.status).toBe(403);
        const codes = (await vocabularies(admin)).violations.map((term) => term.code);
        expect(codes).not.toContain(code);
      },
    );
  });

  describe('PATCH /:name/:code', () => {
    async function addTerm(vocabulary = 'perpetrators') {
      const code = newCode();
      const response = await admin.request('POST', `/api/vocabularies/${vocabulary}`, {
        code,
        label: 'Before',
        description: 'old description',
      });
      expect(response.status).toBe(201);
      return code;
    }

    it('when an admin relabels a term, then the label changes and the change is audited', async () => {
      const code = await addTerm();
      const response = await admin.request('PATCH', `/api/vocabularies/perpetrators/${code}`, {
        label: 'After',
        description: null,
      });
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({ code, label: 'After', retired: false });
      const update = (await auditOf(`perpetrators:${code}`)).find((e) => e.action === 'UPDATE');
      expect(update?.changes).toEqual({
        label: { from: 'Before', to: 'After' },
        description: { from: 'old description', to: null },
      });
    });

    it('when an admin retires a term, then it is listed as retired and refused for new uses only', async () => {
      const code = await addTerm('victimStatus');
      const retire = await admin.request('PATCH', `/api/vocabularies/victimStatus/${code}`, {
        retired: true,
      });
      expect(retire.status).toBe(200);
      const listed = (await vocabularies(manager)).victimStatus.find((t) => t.code === code);
      expect(listed?.retired).toBe(true);

      const use = { vocabulary: 'victimStatus' as const, code, path: 'body.acts.0.victimStatus' };
      await expect(assertKnownCodes(app.database.db, [use])).rejects.toMatchObject({
        code: 'VALIDATION',
        details: [{ path: 'body.acts.0.victimStatus', code: 'retired_code' }],
      });
      await expect(
        assertKnownCodes(app.database.db, [use], new Set([codeKey('victimStatus', code)])),
      ).resolves.toBeUndefined();

      const restore = await admin.request('PATCH', `/api/vocabularies/victimStatus/${code}`, {
        retired: false,
      });
      expect(((await restore.json()) as VocabularyTermOutput).retired).toBe(false);
      await expect(assertKnownCodes(app.database.db, [use])).resolves.toBeUndefined();
      const changes = (await auditOf(`victimStatus:${code}`))
        .filter((event) => event.action === 'UPDATE')
        .map((event) => event.changes);
      expect(changes).toEqual([
        { retired: { from: false, to: true } },
        { retired: { from: true, to: false } },
      ]);
    });

    it('when nothing actually changes, then no audit event is written', async () => {
      const code = await addTerm();
      const response = await admin.request('PATCH', `/api/vocabularies/perpetrators/${code}`, {
        label: 'Before',
      });
      expect(response.status).toBe(200);
      expect((await auditOf(`perpetrators:${code}`)).map((e) => e.action)).toEqual(['CREATE']);
    });

    it('when the term or the vocabulary does not exist, then it is 404', async () => {
      const noTerm = await admin.request('PATCH', '/api/vocabularies/violations/NO_SUCH_CODE', {
        label: 'x',
      });
      expect(noTerm.status).toBe(404);
      const noVocabulary = await admin.request('PATCH', '/api/vocabularies/weapons/KILLING', {
        label: 'x',
      });
      expect(noVocabulary.status).toBe(404);
    });

    it('when the body is empty or carries an unknown field, then it is 400', async () => {
      const empty = await admin.request('PATCH', '/api/vocabularies/violations/KILLING', {});
      expect(empty.status).toBe(400);
      const unknown = await admin.request('PATCH', '/api/vocabularies/violations/KILLING', {
        code: 'MURDER',
      });
      expect(unknown.status).toBe(400);
    });

    it.each(['RESEARCHER', 'ADVOCACY', 'MANAGER'] as const)(
      'when a %s edits a term, then it is 403',
      async (role) => {
        const client = await clientFor(app, role);
        const response = await client.request('PATCH', '/api/vocabularies/violations/KILLING', {
          retired: true,
        });
        expect(response.status).toBe(403);
        const killing = (await vocabularies(admin)).violations.find((t) => t.code === 'KILLING');
        expect(killing?.retired).toBe(false);
      },
    );

    it('when anyone tries to delete a term, then there is no such endpoint', async () => {
      const response = await admin.request('DELETE', '/api/vocabularies/violations/KILLING');
      expect(response.status).toBe(404);
      const killing = (await vocabularies(admin)).violations.find((t) => t.code === 'KILLING');
      expect(killing).toBeDefined();
    });
  });
});
