import { useQueryClient } from '@tanstack/react-query';
import type { IncidentOutput } from '@vigil/shared/schemas/incidents';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { UseFormReturn } from 'react-hook-form';
import { isApiError } from '../../../../lib/api-client.ts';
import { applyServerErrors } from '../../../../lib/forms.ts';
import { useCreateIncident } from '../../api/create-incident.ts';
import { getIncident } from '../../api/get-incident.ts';
import { useUpdateIncident } from '../../api/update-incident.ts';
import {
  draftKey,
  readDraft,
  removeDraft,
  writeDraft,
  type KnownDefender,
} from './draft-storage.ts';
import {
  checkDraft,
  type DraftCheck,
  type IncidentFormValues,
  type LeftOut,
} from './form-model.ts';
import type { FormContext } from './form-validation.ts';

// Autosave waits for a pause in the typing; unsaved typing reaches sessionStorage much sooner.
export const autosaveDelayMs = 2500;
const storeDelayMs = 300;
// a server that did not answer is asked again after this long
const retryDelayMs = 15_000;

export type SaveStatus =
  | { kind: 'clean' }
  | { kind: 'unsaved'; check: DraftCheck }
  | { kind: 'saving' }
  | { kind: 'saved'; at: Date; leftOut: LeftOut }
  | { kind: 'offline' }
  | { kind: 'failed'; message: string; code: string }
  | { kind: 'conflict' };

export interface Conflict {
  current: IncidentOutput;
  mine: IncidentFormValues;
  base: IncidentOutput | null;
}

interface Options {
  form: UseFormReturn<IncidentFormValues, FormContext>;
  userId: string;
  // the incident as loaded (null for a new one), and the version and base the typing is on
  incident: IncidentOutput | null;
  version: number | null;
  base: IncidentOutput | null;
  restored: boolean;
  autosave: boolean;
  withSources: boolean;
  canReadIdentities: (incident: IncidentOutput) => boolean;
  knownDefenders: () => KnownDefender[];
  onCreated: (incident: IncidentOutput) => void;
}

// The server's answers carry no source identities: the base keeps those that were sent, so
// that a later conflict compares like with like.
function withSentIdentities(saved: IncidentOutput, values: IncidentFormValues): IncidentOutput {
  return {
    ...saved,
    sources: saved.sources.map((source, i) => ({
      ...source,
      identity: source.identity ?? (values.sources[i]?.identity.trim() || null),
    })),
  };
}

// Keeps the typing safe and saves the draft: sessionStorage at once, the server after a pause
// (a POST the first time, then PATCHes with the version), again on reconnect; a 409 opens the
// conflict, a refusal says why.
export function useDraftSaving(options: Options) {
  const { form, userId, autosave } = options;
  const queryClient = useQueryClient();
  const createIncident = useCreateIncident();
  const updateIncident = useUpdateIncident();

  const idRef = useRef<string | null>(options.incident?.id ?? null);
  const versionRef = useRef<number | null>(options.version);
  const baseRef = useRef<IncidentOutput | null>(options.base);
  const savedSnapshotRef = useRef<string | null>(
    options.incident && !options.restored ? JSON.stringify(form.getValues()) : null,
  );
  const unsavedRef = useRef(options.restored);
  const finishedRef = useRef(false);
  const conflictOpenRef = useRef(false);
  const retryOnlineRef = useRef(false);
  const inFlightRef = useRef<Promise<IncidentOutput | null> | null>(null);
  // set while the form is reset by the program rather than by typing
  const ignoreChangesRef = useRef(false);
  const saveRef = useRef<() => Promise<IncidentOutput | null>>(async () => null);
  const timers = useRef<{ store?: number; save?: number; retry?: number }>({});
  // the latest options, for callbacks that outlive the render that made them
  const optionsRef = useRef(options);
  useEffect(() => {
    optionsRef.current = options;
  });

  const [status, setStatus] = useState<SaveStatus>(() =>
    options.restored || !options.incident
      ? { kind: 'unsaved', check: checkDraft(form.getValues(), options) }
      : { kind: 'clean' },
  );
  const [saved, setSaved] = useState<IncidentOutput | null>(options.incident);
  const [conflict, setConflict] = useState<Conflict | null>(null);

  const storageKey = useCallback(() => draftKey(userId, idRef.current), [userId]);

  const storeTyping = useCallback(() => {
    window.clearTimeout(timers.current.store);
    if (finishedRef.current || !unsavedRef.current) return;
    writeDraft(storageKey(), {
      at: new Date().toISOString(),
      values: form.getValues(),
      version: versionRef.current,
      base: baseRef.current,
      defenders: optionsRef.current.knownDefenders(),
    });
  }, [form, storageKey]);

  const target = useCallback(
    () => ({ version: versionRef.current, withSources: optionsRef.current.withSources }),
    [],
  );

  // Asks the server for the version that won, with the identities when the caller may read
  // them (taking the other's sources must not erase theirs), and opens the comparison.
  const openConflict = useCallback(
    async (fallback: IncidentOutput | undefined) => {
      const id = idRef.current;
      if (!id) return;
      conflictOpenRef.current = true;
      setStatus({ kind: 'conflict' });
      const { canReadIdentities } = optionsRef.current;
      let current: IncidentOutput | undefined;
      try {
        // one-off reads, kept apart from the copy the form opened with
        const latest = (sensitive: boolean) =>
          queryClient.fetchQuery({
            queryKey: ['incident-edit-form', id, 'latest', { sensitive }],
            queryFn: ({ signal }) => getIncident(id, { sensitive }, signal),
            staleTime: 0,
            gcTime: 0,
            retry: false,
          });
        const plain = await latest(false);
        current = canReadIdentities(plain) ? await latest(true) : plain;
      } catch {
        // the 409's own copy will do, unless it lacks identities the comparison needs
        current = fallback && !canReadIdentities(fallback) ? fallback : undefined;
      }
      // without the other version the status offers to try again
      if (current) setConflict({ current, mine: form.getValues(), base: baseRef.current });
    },
    [form, queryClient],
  );

  const persistNow = useCallback(async (): Promise<IncidentOutput | null> => {
    const values = form.getValues();
    const snapshot = JSON.stringify(values);
    if (idRef.current && snapshot === savedSnapshotRef.current) return baseRef.current;
    const check = checkDraft(values, target());
    if (!check.ok) {
      setStatus({ kind: 'unsaved', check });
      return null;
    }
    if (!navigator.onLine) {
      retryOnlineRef.current = true;
      setStatus({ kind: 'offline' });
      return null;
    }
    setStatus({ kind: 'saving' });
    try {
      const result =
        check.save.kind === 'create'
          ? await createIncident.mutateAsync(check.save.input)
          : await updateIncident.mutateAsync({ id: idRef.current!, input: check.save.input });
      const wasNew = idRef.current === null;
      idRef.current = result.id;
      versionRef.current = result.version;
      baseRef.current = withSentIdentities(result, values);
      savedSnapshotRef.current = snapshot;
      retryOnlineRef.current = false;
      setSaved(result);
      const leftOut = check.leftOut.acts + check.leftOut.charges + check.leftOut.sources;
      const changedMeanwhile = JSON.stringify(form.getValues()) !== snapshot;
      if (wasNew) removeDraft(draftKey(userId, null));
      if (!changedMeanwhile && leftOut === 0) {
        unsavedRef.current = false;
        removeDraft(storageKey());
      } else {
        storeTyping();
      }
      setStatus(
        changedMeanwhile
          ? { kind: 'unsaved', check: checkDraft(form.getValues(), target()) }
          : { kind: 'saved', at: new Date(), leftOut: check.leftOut },
      );
      if (wasNew) optionsRef.current.onCreated(result);
      return result;
    } catch (error) {
      storeTyping();
      if (isApiError(error, 'CONFLICT')) {
        const details = error.details as { current?: IncidentOutput } | undefined;
        await openConflict(details?.current);
      } else if (isApiError(error) && (error.code === 'UNAVAILABLE' || error.status >= 500)) {
        retryOnlineRef.current = true;
        setStatus(
          error.code === 'UNAVAILABLE'
            ? { kind: 'offline' }
            : { kind: 'failed', message: error.message, code: error.code },
        );
        window.clearTimeout(timers.current.retry);
        timers.current.retry = window.setTimeout(() => void saveRef.current(), retryDelayMs);
      } else if (isApiError(error)) {
        applyServerErrors(error, form.setError);
        setStatus({ kind: 'failed', message: error.message, code: error.code });
      } else {
        setStatus({ kind: 'failed', message: String(error), code: 'INTERNAL' });
      }
      return null;
    }
  }, [form, target, createIncident, updateIncident, userId, storageKey, storeTyping, openConflict]);

  // Saves one at a time: a save asked for during another waits for it, then sends what is
  // in the form by then.
  const save = useCallback(async (): Promise<IncidentOutput | null> => {
    window.clearTimeout(timers.current.save);
    if (conflictOpenRef.current || finishedRef.current) return null;
    while (inFlightRef.current) await inFlightRef.current.catch(() => null);
    const flight = persistNow();
    inFlightRef.current = flight;
    try {
      return await flight;
    } finally {
      inFlightRef.current = null;
    }
  }, [persistNow]);
  useEffect(() => {
    saveRef.current = save;
  }, [save]);

  // Every change: into sessionStorage shortly, to the server after a pause.
  useEffect(() => {
    const subscription = form.watch(() => {
      if (finishedRef.current || ignoreChangesRef.current) return;
      unsavedRef.current = true;
      window.clearTimeout(timers.current.store);
      timers.current.store = window.setTimeout(() => {
        storeTyping();
        if (!conflictOpenRef.current && !inFlightRef.current) {
          setStatus((current) =>
            current.kind === 'offline' && !navigator.onLine
              ? current
              : { kind: 'unsaved', check: checkDraft(form.getValues(), target()) },
          );
        }
      }, storeDelayMs);
      if (optionsRef.current.autosave) {
        window.clearTimeout(timers.current.save);
        timers.current.save = window.setTimeout(() => void save(), autosaveDelayMs);
      }
    });
    return () => subscription.unsubscribe();
  }, [form, save, storeTyping, target]);

  // Restored typing is not on the server yet.
  useEffect(() => {
    if (!options.restored || !autosave) return;
    const timer = window.setTimeout(() => void save(), 500);
    return () => window.clearTimeout(timer);
    // once, for the typing restored at mount
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  // Back online: save what could not be saved.
  useEffect(() => {
    const onOnline = () => {
      if (retryOnlineRef.current || (optionsRef.current.autosave && unsavedRef.current)) {
        void save();
      }
    };
    const onOffline = () => {
      if (unsavedRef.current) {
        retryOnlineRef.current = true;
        setStatus({ kind: 'offline' });
      }
    };
    window.addEventListener('online', onOnline);
    window.addEventListener('offline', onOffline);
    return () => {
      window.removeEventListener('online', onOnline);
      window.removeEventListener('offline', onOffline);
    };
  }, [save]);

  // Leaving the page (a reload, a closed tab, an expired session) keeps the typing.
  useEffect(() => {
    const keep = () => storeTyping();
    window.addEventListener('pagehide', keep);
    const pending = timers.current;
    return () => {
      window.removeEventListener('pagehide', keep);
      window.clearTimeout(pending.save);
      window.clearTimeout(pending.retry);
      keep();
    };
  }, [storeTyping]);

  // The user chose, field by field, between their version and the other person's.
  const resolveConflict = useCallback(
    async (merged: IncidentFormValues, current: IncidentOutput) => {
      versionRef.current = current.version;
      baseRef.current = current;
      savedSnapshotRef.current = null;
      conflictOpenRef.current = false;
      setConflict(null);
      setSaved(current);
      ignoreChangesRef.current = true;
      form.reset(merged);
      ignoreChangesRef.current = false;
      unsavedRef.current = true;
      storeTyping();
      return save();
    },
    [form, save, storeTyping],
  );

  const reopenConflict = useCallback(() => {
    void openConflict(undefined);
  }, [openConflict]);

  // Throws the restored typing away, back to the incident as the server has it.
  const discard = useCallback(
    (values: IncidentFormValues, incident: IncidentOutput | null) => {
      removeDraft(storageKey());
      idRef.current = incident?.id ?? null;
      versionRef.current = incident?.version ?? null;
      baseRef.current = incident;
      window.clearTimeout(timers.current.store);
      window.clearTimeout(timers.current.save);
      ignoreChangesRef.current = true;
      form.reset(values);
      ignoreChangesRef.current = false;
      unsavedRef.current = false;
      savedSnapshotRef.current = incident ? JSON.stringify(form.getValues()) : null;
      setStatus(
        incident
          ? { kind: 'clean' }
          : { kind: 'unsaved', check: checkDraft(values, { version: null, withSources: true }) },
      );
    },
    [form, storageKey],
  );

  // After a submit: nothing is left to keep.
  const finish = useCallback(() => {
    finishedRef.current = true;
    unsavedRef.current = false;
    Object.values(timers.current).forEach((timer) => window.clearTimeout(timer));
    removeDraft(storageKey());
  }, [storageKey]);

  return {
    status,
    saved,
    conflict,
    save,
    resolveConflict,
    reopenConflict,
    discard,
    finish,
    hasDraft: () => readDraft(storageKey()) !== null,
  };
}
