// Test factories for the incident suites: defenders straight in the database, incidents
// through the API (so that references, children and audit are the real ones).
import { expect } from 'vitest';
import type { IncidentStatus } from '@vigil/shared/enums';
import type { CreateIncidentInput, IncidentOutput } from '@vigil/shared/schemas/incidents';
import { searchTextOf } from '@vigil/shared/search';
import type { AuditAction } from '../../../../prisma/generated/client.ts';
import type { TestApp } from '../../../../tests/support/app.ts';
import type { Client } from '../../../../tests/support/http.ts';

let counter = 0;

export async function createDefender(
  app: TestApp,
  fields: { country: string; createdById: string; displayName?: string },
) {
  counter += 1;
  const displayName = fields.displayName ?? `Defender ${counter}`;
  return app.database.db.defender.create({
    data: {
      displayName,
      country: fields.country,
      createdById: fields.createdById,
      searchText: searchTextOf([displayName]),
    },
    select: { id: true },
  });
}

// loose on purpose: tests also send what the schema refuses
type IncidentBody = Omit<Partial<CreateIncidentInput>, 'acts' | 'charges' | 'sources'> & {
  acts?: Record<string, unknown>[];
  charges?: Record<string, unknown>[];
  sources?: Record<string, unknown>[];
  [extra: string]: unknown;
};

export function incidentBody(defenderId: string, fields: IncidentBody = {}) {
  counter += 1;
  return {
    title: `Arrest of a land activist ${counter}`,
    summary: 'Police arrested the defender at a protest against the dam.',
    occurredOn: '2014-05-03',
    country: 'KH',
    acts: [{ defenderId, violation: 'ARBITRARY_ARREST', perpetrators: ['POLICE'] }],
    ...fields,
  };
}

export async function json<T = Record<string, unknown>>(response: Response): Promise<T> {
  return (await response.json()) as T;
}

export async function errorCodeOf(response: Response) {
  return (await json<{ error: { code: string } }>(response)).error.code;
}

export async function postIncident(client: Client, body: Record<string, unknown>) {
  const response = await client.request('POST', '/api/incidents', body);
  expect(response.status, await response.clone().text()).toBe(201);
  return json<IncidentOutput>(response);
}

// Puts an incident straight into a status, as if its workflow had run; the version moves
// as a transition would move it.
export async function setStatus(app: TestApp, incident: { id: string }, status: IncidentStatus) {
  const row = await app.database.db.incident.update({
    where: { id: incident.id },
    data: { status, version: { increment: 1 } },
    select: { version: true },
  });
  return { id: incident.id, status, version: row.version };
}

export async function countRows(app: TestApp) {
  const db = app.database.db;
  const [incidents, acts, charges, sources, transitions, audit] = await Promise.all([
    db.incident.count(),
    db.incidentAct.count(),
    db.incidentCharge.count(),
    db.incidentSource.count(),
    db.incidentTransition.count(),
    db.auditEvent.count(),
  ]);
  return { incidents, acts, charges, sources, transitions, audit };
}

export async function auditEventsOf(app: TestApp, entityId: string, action?: AuditAction) {
  return app.database.db.auditEvent.findMany({
    where: { entity: 'Incident', entityId, ...(action ? { action } : {}) },
    orderBy: { at: 'asc' },
  });
}
