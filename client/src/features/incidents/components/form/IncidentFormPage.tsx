import { Alert, Anchor, Stack, Text } from '@mantine/core';
import { IconLock } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import type { IncidentOutput } from '@vigil/shared/schemas/incidents';
import type { VocabulariesOutput } from '@vigil/shared/schemas/vocabularies';
import { useState } from 'react';
import { Link, useLocation, useNavigate, useParams } from 'react-router';
import { PageHeader } from '../../../../components/ui/PageHeader.tsx';
import { ErrorState, LoadingState, QueryState } from '../../../../components/ui/QueryState.tsx';
import { isApiError } from '../../../../lib/api-client.ts';
import { useAppAbility } from '../../../../lib/ability.ts';
import { useVocabularies } from '../../../../lib/lookups.ts';
import { useSessionUser } from '../../../../lib/session.ts';
import { incidentForEditQueryOptions } from '../../api/get-incident-for-edit.ts';
import { useIncidentsText } from '../../i18n/index.ts';
import { incidentSubject } from '../incident-subject.ts';
import { draftKey, readDraft, removeDraft } from './draft-storage.ts';
import { emptyValues, valuesFromIncident } from './form-model.ts';
import { IncidentForm } from './IncidentForm.tsx';

function NoAccess({ title, text, back }: { title: string; text: string; back?: IncidentOutput }) {
  const { t } = useIncidentsText();
  return (
    <Stack gap="md" maw={820}>
      <PageHeader title={title} />
      <Alert color="gray" icon={<IconLock aria-hidden />} role="alert">
        <Stack gap="xs" align="flex-start">
          <Text size="sm">{text}</Text>
          {back ? (
            <Anchor component={Link} to={`/incidents/${back.id}`} size="sm">
              {t('form.backToIncident', { reference: back.reference })}
            </Anchor>
          ) : (
            <Anchor component={Link} to="/incidents" size="sm">
              {t('form.backToList')}
            </Anchor>
          )}
        </Stack>
      </Alert>
    </Stack>
  );
}

function WithVocabularies({
  children,
}: {
  children: (data: VocabulariesOutput) => React.ReactNode;
}) {
  const { t } = useIncidentsText();
  const vocabularies = useVocabularies();
  return (
    <QueryState query={vocabularies} loadingLabel={t('form.loading')}>
      {children}
    </QueryState>
  );
}

function NewIncident({ onCreated }: { onCreated: (incident: IncidentOutput) => void }) {
  const { t } = useIncidentsText();
  const user = useSessionUser();
  const ability = useAppAbility();
  // typing kept in this tab from before a reload or an expired session
  const [draft] = useState(() => readDraft(draftKey(user.id, null)));
  if (!ability.can('create', 'Incident')) {
    return <NoAccess title={t('form.newTitle')} text={t('form.cannotCreate')} />;
  }
  const empty = emptyValues(user.countries);
  return (
    <WithVocabularies>
      {(vocabularies) => (
        <IncidentForm
          incident={null}
          vocabularies={vocabularies}
          initialValues={draft?.values ?? empty}
          version={null}
          base={null}
          restored={draft ? { at: draft.at } : null}
          serverValues={empty}
          knownDefenders={draft?.defenders ?? []}
          withSources
          onCreated={onCreated}
        />
      )}
    </WithVocabularies>
  );
}

function EditIncidentForm({
  incident,
  withSources,
}: {
  incident: IncidentOutput;
  withSources: boolean;
}) {
  const user = useSessionUser();
  const [start] = useState(() => {
    const key = draftKey(user.id, incident.id);
    const serverValues = valuesFromIncident(incident);
    const draft = readDraft(key);
    if (draft && JSON.stringify(draft.values) === JSON.stringify(serverValues)) {
      removeDraft(key);
      return { serverValues, draft: null };
    }
    return { serverValues, draft };
  });
  const { serverValues, draft } = start;
  return (
    <WithVocabularies>
      {(vocabularies) => (
        <IncidentForm
          incident={incident}
          vocabularies={vocabularies}
          initialValues={draft?.values ?? serverValues}
          // typing restored from an older version is saved over that version: if someone saved
          // since, the save is a conflict to resolve, never a silent overwrite
          version={draft ? (draft.version ?? incident.version) : incident.version}
          base={draft ? (draft.base ?? incident) : incident}
          restored={draft ? { at: draft.at } : null}
          serverValues={serverValues}
          knownDefenders={draft?.defenders ?? []}
          withSources={withSources}
          onCreated={() => undefined}
        />
      )}
    </WithVocabularies>
  );
}

function EditIncident({ id }: { id: string }) {
  const { t } = useIncidentsText();
  const ability = useAppAbility();
  const user = useSessionUser();
  const plain = useQuery(incidentForEditQueryOptions(id));
  const incident = plain.data;
  const withSources = incident
    ? ability.can('read', incidentSubject(incident), 'sources.identity')
    : false;
  // An edit saves the sources whole, so it must load their identities, or saving would erase
  // them. That reading is recorded (READ_SENSITIVE), so it happens only when there are some.
  const needsIdentities = withSources && (incident?.sources.length ?? 0) > 0;
  const sensitive = useQuery({
    ...incidentForEditQueryOptions(id, { sensitive: true }),
    enabled: needsIdentities,
  });

  if (plain.isPending) return <LoadingState label={t('form.loading')} />;
  if (plain.error) {
    if (isApiError(plain.error, 'NOT_FOUND')) {
      return <NoAccess title={t('form.notFoundTitle')} text={t('form.notFound')} />;
    }
    return <ErrorState error={plain.error} onRetry={() => void plain.refetch()} />;
  }
  const loaded = plain.data;
  if (!ability.can('update', incidentSubject(loaded))) {
    const mine = loaded.createdById === user.id;
    return (
      <NoAccess
        title={t('form.editDocumentTitle', { reference: loaded.reference })}
        text={
          mine && loaded.status !== 'DRAFT'
            ? t('form.cannotEditSubmitted', {
                status: t(`common:incidentStatus.${loaded.status}`),
              })
            : t('form.cannotEdit')
        }
        back={loaded}
      />
    );
  }
  if (needsIdentities) {
    if (sensitive.isPending) return <LoadingState label={t('form.loading')} />;
    if (sensitive.error) {
      return <ErrorState error={sensitive.error} onRetry={() => void sensitive.refetch()} />;
    }
  }
  return (
    <EditIncidentForm
      incident={needsIdentities && sensitive.data ? sensitive.data : loaded}
      withSources={withSources}
    />
  );
}

// One component for /incidents/new and /incidents/:id/edit, so that the first autosave of a
// new incident (which moves the address to its edit page) keeps the form as it is: its
// focus, its open pickers, its typing.
function IncidentFormRoute() {
  const { id } = useParams();
  const location = useLocation();
  const navigate = useNavigate();
  const [adopted, setAdopted] = useState<{ id: string; key: string } | null>(null);
  const newKey = `new-${location.key}`;

  if (id === undefined || adopted?.id === id) {
    const key = id === undefined ? newKey : adopted!.key;
    return (
      <NewIncident
        key={key}
        onCreated={(incident) => {
          setAdopted({ id: incident.id, key });
          // the user stays where they were typing
          void navigate(`/incidents/${incident.id}/edit`, {
            replace: true,
            preventScrollReset: true,
          });
        }}
      />
    );
  }
  return <EditIncident key={id} id={id} />;
}

export { IncidentFormRoute as EditIncidentPage, IncidentFormRoute as NewIncidentPage };
