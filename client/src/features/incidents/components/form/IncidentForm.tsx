import { Alert, Anchor, Button, Group, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertTriangle, IconHistory } from '@tabler/icons-react';
import type { AppSubjects } from '@vigil/shared/auth/abilities';
import type { IncidentOutput } from '@vigil/shared/schemas/incidents';
import type { VocabulariesOutput } from '@vigil/shared/schemas/vocabularies';
import { useEffect, useMemo, useRef, useState, type RefObject } from 'react';
import { FormProvider, useForm, useFormContext, useWatch } from 'react-hook-form';
import { Link, useNavigate } from 'react-router';
import { FormErrorSummary } from '../../../../components/ui/FormErrorSummary.tsx';
import { PageHeader } from '../../../../components/ui/PageHeader.tsx';
import { ReferenceBadge } from '../../../../components/ui/RecordBadges.tsx';
import { isApiError } from '../../../../lib/api-client.ts';
import { useAppAbility } from '../../../../lib/ability.ts';
import { formatTime } from '../../../../lib/format.ts';
import { useSessionUser } from '../../../../lib/session.ts';
import { useTransitionIncident } from '../../api/transition-incident.ts';
import { useIncidentsText } from '../../i18n/index.ts';
import { incidentSubject } from '../incident-subject.ts';
import { ChargesSection } from './ChargesSection.tsx';
import { ConfidentialitySection } from './ConfidentialitySection.tsx';
import { ConflictPanel } from './ConflictPanel.tsx';
import { countryOptions } from '../../../../lib/countries.ts';
import { DefenderNamesProvider, useDefenderNames } from './defender-names.tsx';
import type { KnownDefender } from './draft-storage.ts';
import { defenderIdsOf, fieldId, type IncidentFormValues } from './form-model.ts';
import { flattenErrors, incidentResolver, type FormContext } from './form-validation.ts';
import { SaveBar } from './SaveBar.tsx';
import { SourcesSection } from './SourcesSection.tsx';
import { TargetedSection } from './TargetedSection.tsx';
import { useDraftSaving } from './use-draft-saving.ts';
import { WhatHappenedSection } from './WhatHappenedSection.tsx';

export interface IncidentFormProps {
  // the incident as the server has it (null for a new one)
  incident: IncidentOutput | null;
  vocabularies: VocabulariesOutput;
  // what the form opens with: the incident's values, or typing restored from this tab
  initialValues: IncidentFormValues;
  version: number | null;
  base: IncidentOutput | null;
  restored: { at: string } | null;
  // the incident's own values, which "Discard them" goes back to
  serverValues: IncidentFormValues;
  knownDefenders: KnownDefender[];
  // false when the caller may not read the source identities of this incident
  withSources: boolean;
  onCreated: (incident: IncidentOutput) => void;
}

// The names of the defenders the form refers to, for the sections and for the draft kept in
// the tab.
function FormDefenderNames({
  initial,
  knownRef,
  children,
}: {
  initial: KnownDefender[];
  knownRef: RefObject<() => KnownDefender[]>;
  children: React.ReactNode;
}) {
  const { control } = useFormContext<IncidentFormValues, FormContext>();
  const acts = useWatch({ control, name: 'acts' });
  const charges = useWatch({ control, name: 'charges' });
  const actIds = defenderIdsOf(acts).join(',');
  const chargeIds = charges.map((charge) => charge.defenderId ?? '').join(',');
  const ids = useMemo(
    () => [...new Set([...actIds.split(','), ...chargeIds.split(',')].filter(Boolean))],
    [actIds, chargeIds],
  );
  return (
    <DefenderNamesProvider ids={ids} initial={initial}>
      <KnownDefendersBridge knownRef={knownRef} />
      {children}
    </DefenderNamesProvider>
  );
}

function KnownDefendersBridge({ knownRef }: { knownRef: RefObject<() => KnownDefender[]> }) {
  const { known } = useDefenderNames();
  useEffect(() => {
    knownRef.current = known;
  }, [known, knownRef]);
  return null;
}

// Puts a field's path into words for the error summary ("Sok Chenda, act 1: Violation").
function useDescribePath() {
  const { t } = useIncidentsText();
  const names = useDefenderNames();
  const { getValues } = useFormContext<IncidentFormValues, FormContext>();
  return (path: string) => {
    const [list, index, field] = path.split('.');
    const number = Number(index) + 1;
    if (list === 'acts' && field) {
      const acts = getValues('acts');
      const defenderId = acts[Number(index)]?.defenderId ?? '';
      const position = acts
        .slice(0, Number(index) + 1)
        .filter((act) => act.defenderId === defenderId).length;
      return t('form.errorPlace.act', {
        name: names.labelOf(defenderId),
        number: position,
        field: t(`form.fields.${field}`),
      });
    }
    if (list === 'charges' && field) {
      const key =
        { defenderId: 'chargedDefender', status: 'chargeStatus', description: 'chargeDescription' }[
          field
        ] ?? field;
      return t('form.errorPlace.charge', { number, field: t(`form.fields.${key}`) });
    }
    if (list === 'sources' && field) {
      const key = { kind: 'sourceKind', description: 'sourceDescription' }[field] ?? field;
      return t('form.errorPlace.source', { number, field: t(`form.fields.${key}`) });
    }
    if (list === 'acts') return t('form.sections.targeted');
    if (list === 'charges') return t('form.sections.charges');
    if (list === 'sources') return t('form.sections.sources');
    if (list === 'occurredOn') return t('form.fields.date');
    return t(`form.fields.${list}`);
  };
}

export function IncidentForm(props: IncidentFormProps) {
  const { incident, initialValues, withSources } = props;
  const user = useSessionUser();
  const ability = useAppAbility();
  // validated as a create until the first save has created it
  const [exists, setExists] = useState(incident !== null);
  const form = useForm<IncidentFormValues, FormContext>({
    defaultValues: initialValues,
    resolver: incidentResolver,
    context: { exists, withSources },
    shouldFocusError: false,
  });
  const knownRef = useRef<() => KnownDefender[]>(() => props.knownDefenders);
  const saving = useDraftSaving({
    form,
    userId: user.id,
    incident,
    version: props.version,
    base: props.base,
    restored: props.restored !== null,
    autosave: (incident?.status ?? 'DRAFT') === 'DRAFT',
    withSources,
    canReadIdentities: (current) =>
      ability.can('read', incidentSubject(current), 'sources.identity'),
    knownDefenders: () => knownRef.current(),
    onCreated: (created) => {
      setExists(true);
      props.onCreated(created);
    },
  });

  return (
    <FormProvider {...form}>
      <FormDefenderNames initial={props.knownDefenders} knownRef={knownRef}>
        <IncidentFormBody {...props} saving={saving} />
      </FormDefenderNames>
    </FormProvider>
  );
}

function IncidentFormBody({
  vocabularies,
  restored: restoredAtStart,
  serverValues,
  incident: loaded,
  withSources,
  saving,
}: IncidentFormProps & { saving: ReturnType<typeof useDraftSaving> }) {
  const { t } = useIncidentsText();
  const user = useSessionUser();
  const ability = useAppAbility();
  const navigate = useNavigate();
  const describePath = useDescribePath();
  const transition = useTransitionIncident();
  const form = useFormContext<IncidentFormValues, FormContext>();
  const {
    control,
    formState: { errors },
  } = form;
  const [restored, setRestored] = useState(restoredAtStart);
  const [showSummary, setShowSummary] = useState(false);
  const [busy, setBusy] = useState(false);
  const [submitError, setSubmitError] = useState<string | null>(null);
  const summaryRef = useRef<HTMLDivElement>(null);
  const conflictRef = useRef<HTMLDivElement>(null);
  const country = useWatch({ control, name: 'country' });
  const confidentiality = useWatch({ control, name: 'confidentiality' });

  const { status, saved, conflict } = saving;
  // a conflict takes the user to the comparison, wherever they were typing
  useEffect(() => {
    if (!conflict) return;
    conflictRef.current?.scrollIntoView?.({ block: 'start' });
    conflictRef.current?.focus({ preventScroll: true });
  }, [conflict]);
  const incidentStatus = saved?.status ?? 'DRAFT';
  const autosave = incidentStatus === 'DRAFT';
  const subjectForSubmit: AppSubjects = incidentSubject(
    // before the first save: a draft of the caller's own, in the country they chose (or
    // their first one)
    saved ?? {
      country: country ?? user.countries[0] ?? '',
      createdById: user.id,
      status: 'DRAFT',
      confidentiality,
    },
  );
  const canSubmit =
    incidentStatus === 'DRAFT' && ability.can('transition', subjectForSubmit, 'SUBMITTED');
  const loadedCountry = loaded?.country;
  const countries = useMemo(
    () => countryOptions(user.countries, loadedCountry ? [loadedCountry] : []),
    [user.countries, loadedCountry],
  );
  const entries = flattenErrors(errors);
  const refused = status.kind === 'failed' && status.code === 'VALIDATION';

  function showProblems() {
    setShowSummary(true);
    window.setTimeout(() => summaryRef.current?.focus(), 0);
  }

  async function saveDraft() {
    setShowSummary(false);
    setSubmitError(null);
    setBusy(true);
    try {
      await saving.save();
    } finally {
      setBusy(false);
    }
  }

  async function submitForReview() {
    setShowSummary(false);
    setSubmitError(null);
    setBusy(true);
    try {
      const current = await saving.save();
      if (!current) return;
      const submitted = await transition.mutateAsync({
        id: current.id,
        to: 'SUBMITTED',
        version: current.version,
      });
      saving.finish();
      notifications.show({
        color: 'green',
        message: t('form.submitted', { reference: submitted.reference }),
      });
      navigate(`/incidents/${submitted.id}`);
    } catch (error) {
      setSubmitError(
        isApiError(error, 'INVALID_TRANSITION')
          ? t('form.submitInvalid')
          : t('form.submitFailed', {
              message: error instanceof Error ? error.message : String(error),
            }),
      );
    } finally {
      setBusy(false);
    }
  }

  return (
    <Stack gap="md" maw={820}>
      <PageHeader
        title={
          saved ? (
            <Group gap="sm" component="span" wrap="wrap">
              <span>{t('form.editTitle')}</span>
              <ReferenceBadge reference={saved.reference} />
            </Group>
          ) : (
            t('form.newTitle')
          )
        }
        documentTitle={
          saved ? t('form.editDocumentTitle', { reference: saved.reference }) : t('form.newTitle')
        }
        description={t('form.description')}
        actions={
          saved && (
            <Anchor component={Link} to={`/incidents/${saved.id}`} size="sm">
              {t('form.openIncident')}
            </Anchor>
          )
        }
      />
      {restored && (
        <Alert color="blue" icon={<IconHistory aria-hidden />}>
          <Group justify="space-between" gap="sm" wrap="wrap">
            <Text size="sm">{t('form.restored', { time: formatTime(restored.at) })}</Text>
            <Group gap="xs">
              <Button size="compact-sm" variant="subtle" onClick={() => setRestored(null)}>
                {t('form.keepRestored')}
              </Button>
              <Button
                size="compact-sm"
                variant="light"
                color="red"
                onClick={() => {
                  saving.discard(serverValues, loaded);
                  setRestored(null);
                }}
              >
                {t('form.discardRestored')}
              </Button>
            </Group>
          </Group>
        </Alert>
      )}
      {conflict && (
        <ConflictPanel
          ref={conflictRef}
          conflict={conflict}
          withSources={withSources}
          canEdit={(current) => ability.can('update', incidentSubject(current))}
          onResolve={(merged, current) => void saving.resolveConflict(merged, current)}
        />
      )}
      <div ref={summaryRef} tabIndex={-1}>
        {(showSummary || refused) && (
          <FormErrorSummary
            problems={entries.map((entry) => ({
              id: fieldId(entry.path),
              label: describePath(entry.path),
              message: entry.message,
            }))}
          />
        )}
      </div>
      {submitError && (
        <Alert color="red" role="alert" icon={<IconAlertTriangle aria-hidden />}>
          {submitError}
        </Alert>
      )}
      <Text size="sm" c="dimmed">
        {t('form.requiredNote')}
      </Text>
      <form
        noValidate
        aria-labelledby="page-title"
        // Enter in a field does not save: the buttons below say what happens
        onSubmit={(event) => event.preventDefault()}
      >
        <Stack gap="md">
          <WhatHappenedSection countries={countries} />
          <TargetedSection vocabularies={vocabularies} countries={countries} />
          <ChargesSection vocabularies={vocabularies} />
          <SourcesSection vocabularies={vocabularies} locked={!withSources} />
          <ConfidentialitySection />
        </Stack>
      </form>
      {/* outside the form, so that it stays in view from the top of the page on */}
      <SaveBar
        status={status}
        autosave={autosave}
        primary={canSubmit ? 'submit' : 'save'}
        busy={busy}
        onSave={() => void form.handleSubmit(saveDraft, showProblems)()}
        onSubmit={() => void form.handleSubmit(submitForReview, showProblems)()}
        onResolveConflict={() => {
          if (!conflict) saving.reopenConflict();
          else conflictRef.current?.focus();
        }}
      />
    </Stack>
  );
}
