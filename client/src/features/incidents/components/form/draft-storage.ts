import type { IncidentOutput } from '@vigil/shared/schemas/incidents';
import type { IncidentFormValues } from './form-model.ts';

// Unsaved typing lives in sessionStorage (DESIGN.md, "Do no harm, in the browser too"): it
// survives a reload, an expired session and a dropped network, dies with the tab, and sign-out
// clears it. Nothing of an incident ever goes to localStorage or IndexedDB.

// A defender the form has shown, so that a restored draft names them before any fetch.
export interface KnownDefender {
  id: string;
  displayName: string;
  aliases: string[];
  country: string;
}

export interface StoredDraft {
  // when the user last typed
  at: string;
  values: IncidentFormValues;
  // the version the typing started from (null for an incident not created yet): a save of it
  // over a newer version is a conflict, never a silent overwrite
  version: number | null;
  // the incident as it was at that version, to tell what someone else changed since
  base: IncidentOutput | null;
  defenders: KnownDefender[];
}

// One entry per user and incident, so that someone signing in after another in the same tab
// never sees their typing.
export const draftKey = (userId: string, incidentId: string | null) =>
  `vigil:incident-draft:${userId}:${incidentId ?? 'new'}`;

export function readDraft(key: string): StoredDraft | null {
  try {
    const raw = sessionStorage.getItem(key);
    if (!raw) return null;
    const draft = JSON.parse(raw) as StoredDraft;
    return draft && typeof draft === 'object' && draft.values ? draft : null;
  } catch {
    return null;
  }
}

export function writeDraft(key: string, draft: StoredDraft): void {
  try {
    sessionStorage.setItem(key, JSON.stringify(draft));
  } catch {
    // storage full or refused: the form keeps working, only the safety net is gone
  }
}

export function removeDraft(key: string): void {
  try {
    sessionStorage.removeItem(key);
  } catch {
    // nothing to clean up when storage is refused
  }
}
