import {
  Alert,
  Anchor,
  Button,
  Group,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { DateInput } from '@mantine/dates';
import { IconCalendar } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { FormSection } from '../../../../components/ui/FormSection.tsx';
import { advocacyKinds, advocacyStatuses } from '@vigil/shared/enums';
import { advocacyOutput, type AdvocacyOutput } from '@vigil/shared/schemas/advocacy';
import { useMemo, useRef, useState } from 'react';
import { Controller, useForm } from 'react-hook-form';
import { Link, useNavigate, useParams } from 'react-router';
import {
  ConflictReview,
  type ConflictChoice,
  type ConflictField,
} from '../../../../components/ui/ConflictReview.tsx';
import { FormErrorSummary } from '../../../../components/ui/FormErrorSummary.tsx';
import { PageHeader } from '../../../../components/ui/PageHeader.tsx';
import { ErrorState, LoadingState } from '../../../../components/ui/QueryState.tsx';
import { useAppAbility } from '../../../../lib/ability.ts';
import { isApiError } from '../../../../lib/api-client.ts';
import { countryName, formatDate } from '../../../../lib/format.ts';
import { applyServerErrors } from '../../../../lib/forms.ts';
import { useCommonText } from '../../../../lib/i18n.ts';
import {
  defendersByIdsQueryOptions,
  incidentsByIdsQueryOptions,
  searchDefenders,
  searchIncidents,
  useDefendersByIds,
  useIncidentsByIds,
} from '../../../../lib/lookups.ts';
import { useCreateAdvocacyAction } from '../../api/create-advocacy-action.ts';
import { getAdvocacyAction, useAdvocacyAction } from '../../api/get-advocacy-action.ts';
import { useUpdateAdvocacyAction } from '../../api/update-advocacy-action.ts';
import { useAdvocacyText } from '../../i18n/index.ts';
import { advocacySubject } from '../advocacy-subject.ts';
import { DeleteAdvocacyButton } from '../DeleteAdvocacyButton.tsx';
import {
  changedFields,
  emptyAdvocacy,
  fieldId,
  formFields,
  sameValue,
  toCreateInput,
  toFormValues,
  type AdvocacyField,
  type AdvocacyFormValues,
} from './advocacy-form-model.ts';
import { advocacyResolver } from './advocacy-resolver.ts';
import { RecordPicker, type PickerOption } from './RecordPicker.tsx';
import { notify } from '../notify.ts';

type IncidentLike = {
  id: string;
  reference: string;
  title: string;
  occurredOn: string;
  datePrecision: 'DAY' | 'MONTH' | 'YEAR';
  country: string;
};
type DefenderLike = { id: string; displayName: string; aliases: string[]; country: string };

const incidentOption = (incident: IncidentLike): PickerOption => ({
  id: incident.id,
  label: `${incident.reference} · ${incident.title}`,
  description: `${formatDate(incident.occurredOn, incident.datePrecision)} · ${countryName(incident.country)}`,
});

const defenderOption = (defender: DefenderLike): PickerOption => ({
  id: defender.id,
  label: defender.displayName,
  description: [defender.aliases.join(' · '), countryName(defender.country)]
    .filter(Boolean)
    .join(' · '),
});

interface Conflict {
  fields: ConflictField[];
  theirs: AdvocacyFormValues;
  version: number;
}

function AdvocacyForm({ action }: { action?: AdvocacyOutput }) {
  const { t } = useAdvocacyText();
  const common = useCommonText().t;
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const editing = action !== undefined;
  const initial = useMemo(() => (action ? toFormValues(action) : emptyAdvocacy), [action]);

  const [base, setBase] = useState(initial);
  const [version, setVersion] = useState(action?.version);
  const [conflict, setConflict] = useState<Conflict | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const conflictBox = useRef<HTMLDivElement>(null);

  const form = useForm<AdvocacyFormValues>({
    resolver: advocacyResolver({ editing }),
    defaultValues: editing ? { ...initial, version: action.version } : initial,
    mode: 'onTouched',
  });
  const { control, formState } = form;
  const create = useCreateAdvocacyAction();
  const update = useUpdateAdvocacyAction(action?.id ?? '');
  const saving = create.isPending || update.isPending;

  // names of the cases linked when the form opened
  const linkedIncidents = useIncidentsByIds(initial.incidentIds);
  const linkedDefenders = useDefendersByIds(initial.defenderIds);
  const knownIncidents = useMemo(
    () =>
      initial.incidentIds.length === 0
        ? new Map<string, PickerOption>()
        : linkedIncidents.data &&
          new Map([...linkedIncidents.data.values()].map((i) => [i.id, incidentOption(i)])),
    [initial.incidentIds, linkedIncidents.data],
  );
  const knownDefenders = useMemo(
    () =>
      initial.defenderIds.length === 0
        ? new Map<string, PickerOption>()
        : linkedDefenders.data &&
          new Map([...linkedDefenders.data.values()].map((d) => [d.id, defenderOption(d)])),
    [initial.defenderIds, linkedDefenders.data],
  );

  // A field's value in words, for the conflict review.
  const describe = async (field: AdvocacyField, value: unknown): Promise<string> => {
    if (value === null || value === undefined || value === '') return '';
    if (field === 'kind') return common(`advocacyKind.${String(value)}`);
    if (field === 'status') return common(`advocacyStatus.${String(value)}`);
    if (field === 'date') return formatDate(String(value));
    if (field === 'incidentIds' || field === 'defenderIds') {
      const ids = value as string[];
      if (ids.length === 0) return '';
      const names =
        field === 'incidentIds'
          ? (await queryClient.fetchQuery(incidentsByIdsQueryOptions(ids))).map(
              (incident) => incident.reference,
            )
          : (await queryClient.fetchQuery(defendersByIdsQueryOptions(ids))).map(
              (defender) => defender.displayName,
            );
      return names.join(', ');
    }
    return String(value);
  };

  const showConflict = async (details: unknown) => {
    if (!action) return;
    const sent = (details as { current?: unknown } | undefined)?.current;
    const current = advocacyOutput.safeParse(sent).data ?? (await getAdvocacyAction(action.id));
    const theirs = toFormValues(current);
    const mine = form.getValues();
    const differing = formFields.filter(
      (field) => !sameValue(theirs[field], base[field]) && !sameValue(mine[field], theirs[field]),
    );
    const fields = await Promise.all(
      differing.map(async (field): Promise<ConflictField> => ({
        name: field,
        label: t(`fields.${field}`),
        mine: await describe(field, mine[field]),
        theirs: await describe(field, theirs[field]),
        initial: sameValue(mine[field], base[field]) ? 'theirs' : 'mine',
      })),
    );
    setConflict({ fields, theirs, version: current.version });
    requestAnimationFrame(() => conflictBox.current?.scrollIntoView({ block: 'start' }));
  };

  const applyConflict = (choices: Record<string, ConflictChoice>) => {
    if (!conflict) return;
    const mine = form.getValues();
    const merged: AdvocacyFormValues = { ...mine, version: conflict.version };
    for (const field of formFields) {
      if (sameValue(conflict.theirs[field], base[field])) continue;
      const keepMine = choices[field] === 'mine';
      Object.assign(merged, { [field]: keepMine ? mine[field] : conflict.theirs[field] });
    }
    setBase(conflict.theirs);
    setVersion(conflict.version);
    form.reset(merged);
    setConflict(null);
    notify({ message: t('form.conflictApplied') });
  };

  const onFailure = (error: Error) => {
    if (applyServerErrors(error, form.setError)) return;
    if (isApiError(error, 'CONFLICT')) {
      void showConflict(error.details).catch((caught: unknown) =>
        setFailure(caught instanceof Error ? caught.message : String(caught)),
      );
      return;
    }
    setFailure(error.message);
  };

  const onSubmit = (values: AdvocacyFormValues) => {
    setFailure(null);
    if (!editing) {
      create.mutate(toCreateInput(values), {
        onSuccess: (created) => {
          notify({ color: 'green', message: t('form.created') });
          void navigate(`/advocacy/${created.id}`);
        },
        onError: onFailure,
      });
      return;
    }
    const changed = changedFields(values, base);
    if (changed.length === 0) {
      void navigate(`/advocacy/${action.id}`);
      return;
    }
    const patch = Object.fromEntries(changed.map((field) => [field, values[field]]));
    update.mutate(
      { ...patch, version: version ?? action.version },
      {
        onSuccess: (saved) => {
          notify({ color: 'green', message: t('form.saved') });
          void navigate(`/advocacy/${saved.id}`);
        },
        onError: onFailure,
      },
    );
  };

  const problems =
    formState.submitCount > 0
      ? formFields.flatMap((field) => {
          const message = formState.errors[field]?.message;
          return message ? [{ id: fieldId(field), label: t(`fields.${field}`), message }] : [];
        })
      : [];

  return (
    <form noValidate onSubmit={(event) => void form.handleSubmit(onSubmit)(event)}>
      <Stack gap="md" maw={820}>
        <FormErrorSummary problems={problems} />
        {failure && (
          <Alert color="red" role="alert" title={t('form.failed')}>
            {failure}
          </Alert>
        )}
        {conflict && (
          <div ref={conflictBox}>
            <ConflictReview
              what={t('form.what')}
              fields={conflict.fields}
              onApply={applyConflict}
            />
          </div>
        )}
        <FormSection id="action" title={t('form.theAction')}>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <Controller
              control={control}
              name="kind"
              render={({ field, fieldState }) => (
                <Select
                  id={fieldId('kind')}
                  label={t('fields.kind')}
                  placeholder={t('form.chooseKind')}
                  withAsterisk
                  data={advocacyKinds.map((kind) => ({
                    value: kind,
                    label: common(`advocacyKind.${kind}`),
                  }))}
                  value={field.value}
                  onChange={(value) => field.onChange(value)}
                  onBlur={field.onBlur}
                  ref={field.ref}
                  error={fieldState.error?.message}
                />
              )}
            />
            <Controller
              control={control}
              name="status"
              render={({ field }) => (
                <Select
                  id={fieldId('status')}
                  label={t('fields.status')}
                  data={advocacyStatuses.map((status) => ({
                    value: status,
                    label: common(`advocacyStatus.${status}`),
                  }))}
                  value={field.value}
                  onChange={(value) => field.onChange(value ?? 'PLANNED')}
                  onBlur={field.onBlur}
                  ref={field.ref}
                  allowDeselect={false}
                />
              )}
            />
          </SimpleGrid>
          <Controller
            control={control}
            name="title"
            render={({ field, fieldState }) => (
              <TextInput
                id={fieldId('title')}
                label={t('fields.title')}
                withAsterisk
                {...field}
                error={fieldState.error?.message}
              />
            )}
          />
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <Controller
              control={control}
              name="date"
              render={({ field, fieldState }) => (
                <DateInput
                  id={fieldId('date')}
                  label={t('fields.date')}
                  description={t('form.dateHelp')}
                  placeholder={t('form.datePlaceholder')}
                  withAsterisk
                  leftSection={<IconCalendar size={16} aria-hidden />}
                  valueFormat="D MMM YYYY"
                  value={field.value}
                  onChange={(value) => field.onChange(value || null)}
                  onBlur={field.onBlur}
                  ref={field.ref}
                  clearable
                  clearButtonProps={{ 'aria-label': t('form.clearDate') }}
                  error={fieldState.error?.message}
                />
              )}
            />
            <Controller
              control={control}
              name="venue"
              render={({ field, fieldState }) => (
                <TextInput
                  id={fieldId('venue')}
                  label={t('fields.venue')}
                  description={t('form.venueHelp')}
                  value={field.value ?? ''}
                  onChange={(event) => field.onChange(event.currentTarget.value || null)}
                  onBlur={field.onBlur}
                  ref={field.ref}
                  error={fieldState.error?.message}
                />
              )}
            />
          </SimpleGrid>
        </FormSection>

        <FormSection id="cases" title={t('form.cases')}>
          <Controller
            control={control}
            name="incidentIds"
            render={({ field, fieldState }) => (
              <RecordPicker
                id={fieldId('incidentIds')}
                label={t('fields.incidentIds')}
                description={t('form.incidentsHelp')}
                placeholder={t('form.searchIncidents')}
                value={field.value}
                onChange={field.onChange}
                onBlur={field.onBlur}
                inputRef={field.ref}
                error={fieldState.error?.message}
                queryRoot="incidents"
                search={async (q, signal) =>
                  (await searchIncidents(q, signal)).items.map(incidentOption)
                }
                known={knownIncidents}
                outsideAccess={t('picker.incidentOutside')}
              />
            )}
          />
          <Controller
            control={control}
            name="defenderIds"
            render={({ field, fieldState }) => (
              <RecordPicker
                id={fieldId('defenderIds')}
                label={t('fields.defenderIds')}
                description={t('form.defendersHelp')}
                placeholder={t('form.searchDefenders')}
                value={field.value}
                onChange={field.onChange}
                onBlur={field.onBlur}
                inputRef={field.ref}
                error={fieldState.error?.message}
                queryRoot="defenders"
                search={async (q, signal) =>
                  (await searchDefenders(q, signal)).items.map(defenderOption)
                }
                known={knownDefenders}
                outsideAccess={common('sensitive.outsideAccess')}
              />
            )}
          />
        </FormSection>

        <FormSection id="notes" title={t('fields.notes')}>
          <Controller
            control={control}
            name="notes"
            render={({ field, fieldState }) => (
              <Textarea
                id={fieldId('notes')}
                label={t('form.notesLabel')}
                autosize
                minRows={3}
                value={field.value ?? ''}
                onChange={(event) => field.onChange(event.currentTarget.value || null)}
                onBlur={field.onBlur}
                ref={field.ref}
                error={fieldState.error?.message}
              />
            )}
          />
        </FormSection>

        <Group
          pos="sticky"
          bottom={0}
          py="sm"
          gap="sm"
          bg="var(--mantine-color-body)"
          style={{ borderTop: '1px solid var(--mantine-color-default-border)', zIndex: 2 }}
        >
          <Button type="submit" loading={saving} disabled={conflict !== null}>
            {editing ? t('form.save') : t('form.add')}
          </Button>
          <Button
            component={Link}
            to={editing ? `/advocacy/${action.id}` : '/advocacy'}
            variant="default"
          >
            {common('actions.cancel')}
          </Button>
          {saving && (
            <Text size="sm" c="dimmed" role="status">
              {t('form.saving')}
            </Text>
          )}
        </Group>
      </Stack>
    </form>
  );
}

function NoRight({ title, text, back }: { title: string; text: string; back: string }) {
  const { t } = useAdvocacyText();
  return (
    <section aria-labelledby="page-title">
      <PageHeader title={title} />
      <Alert color="red" role="alert">
        <Text size="sm">{text}</Text>
        <Anchor component={Link} to={back} size="sm">
          {t('page.backToList')}
        </Anchor>
      </Alert>
    </section>
  );
}

export function NewAdvocacyPage() {
  const { t } = useAdvocacyText();
  const ability = useAppAbility();
  if (!ability.can('create', 'AdvocacyAction')) {
    return <NoRight title={t('form.newTitle')} text={t('form.cannotCreate')} back="/advocacy" />;
  }
  return (
    <section aria-labelledby="page-title">
      <PageHeader title={t('form.newTitle')} description={t('form.newDescription')} />
      <AdvocacyForm />
    </section>
  );
}

export function EditAdvocacyPage() {
  const { id = '' } = useParams();
  const { t } = useAdvocacyText();
  const ability = useAppAbility();
  const query = useAdvocacyAction(id);

  if (query.isPending) return <LoadingState />;
  if (isApiError(query.error, 'NOT_FOUND') || isApiError(query.error, 'VALIDATION')) {
    return <NoRight title={t('page.notFound')} text={t('page.notFoundText')} back="/advocacy" />;
  }
  if (query.error) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;

  const action = query.data;
  const record = advocacySubject(action);
  if (!ability.can('update', record)) {
    return (
      <NoRight
        title={t('form.editTitle')}
        text={t('form.cannotEdit')}
        back={`/advocacy/${action.id}`}
      />
    );
  }
  return (
    <section aria-labelledby="page-title">
      <PageHeader
        title={t('form.editTitle')}
        description={action.title}
        actions={
          ability.can('delete', record) && (
            <DeleteAdvocacyButton id={action.id} title={action.title} />
          )
        }
      />
      <AdvocacyForm key={action.id} action={action} />
    </section>
  );
}
