import { Alert, Anchor, Button, Group, Stack, Text } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useQueryClient } from '@tanstack/react-query';
import { defenderOutput, type DefenderOutput } from '@vigil/shared/schemas/defenders';
import { useRef, useState } from 'react';
import { useForm, useWatch } from 'react-hook-form';
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
import { countryName } from '../../../../lib/format.ts';
import { applyServerErrors } from '../../../../lib/forms.ts';
import { useCommonText } from '../../../../lib/i18n.ts';
import { useTerm } from '../../../../lib/lookups.ts';
import { useSessionUser } from '../../../../lib/session.ts';
import { useCreateDefender } from '../../api/create-defender.ts';
import { getDefender, sensitiveDefenderQueryOptions, useDefender } from '../../api/get-defender.ts';
import {
  similarDefendersQueryOptions,
  useSimilarDefenders,
} from '../../api/get-similar-defenders.ts';
import { useUpdateDefender } from '../../api/update-defender.ts';
import { useDefendersText } from '../../i18n/index.ts';
import { defenderSubject } from '../defender-subject.ts';
import { DeleteDefenderButton } from '../DeleteDefenderButton.tsx';
import {
  changedFields,
  emptyDefender,
  fieldId,
  formFields,
  sensitiveFields,
  toCreateInput,
  toFormValues,
  type DefenderField,
  type DefenderFormValues,
} from './defender-form-model.ts';
import { defenderResolver } from './defender-resolver.ts';
import { DefenderFields } from './DefenderFields.tsx';
import { DuplicateWarning } from './DuplicateWarning.tsx';
import type { SimilarDefenders } from '@vigil/shared/schemas/defenders';
import { notify } from '../notify.ts';

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

// A field's value in words, for the conflict review.
function useDescribe() {
  const { t } = useDefendersText();
  const common = useCommonText().t;
  const term = useTerm();
  return (field: DefenderField, value: unknown): string => {
    if (value === null || value === undefined || value === '') return '';
    if (field === 'sectors') {
      return (value as string[]).map((code) => term('sectors', code).label).join(', ');
    }
    if (Array.isArray(value)) return value.join(', ');
    if (field === 'gender') return common(`gender.${String(value)}`);
    if (field === 'consent') return common(`consent.${String(value)}`);
    if (field === 'shareWithAuthorities') return t(`shareWithAuthorities.${String(value)}`);
    if (field === 'riskLevel') return common(`riskLevel.${String(value)}`);
    if (field === 'country') return countryName(String(value));
    return String(value);
  };
}

interface Conflict {
  fields: ConflictField[];
  theirs: DefenderFormValues;
  version: number;
}

interface DefenderFormProps {
  // absent for a new defender
  defender?: DefenderOutput;
  initial: DefenderFormValues;
  // whether the user may read and write the sensitive fields of this defender
  sensitiveAllowed: boolean;
}

function DefenderForm({ defender, initial, sensitiveAllowed }: DefenderFormProps) {
  const { t } = useDefendersText();
  const common = useCommonText().t;
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const describe = useDescribe();
  const editing = defender !== undefined;

  // what the form was last loaded from: changes are what differs from it
  const [base, setBase] = useState(initial);
  const [version, setVersion] = useState(defender?.version);
  // on edit, sensitive values stay on the server until the user asks for them
  const [revealed, setRevealed] = useState(!editing);
  const [revealing, setRevealing] = useState(false);
  const [conflict, setConflict] = useState<Conflict | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [duplicates, setDuplicates] = useState<SimilarDefenders['items'] | null>(null);
  const confirmedName = useRef<string | null>(null);
  const duplicateWarning = useRef<HTMLDivElement>(null);
  const conflictBox = useRef<HTMLDivElement>(null);

  const form = useForm<DefenderFormValues>({
    resolver: defenderResolver({ editing }),
    defaultValues: editing ? { ...initial, version: defender.version } : initial,
    mode: 'onTouched',
  });
  const { control, formState } = form;
  const create = useCreateDefender();
  const update = useUpdateDefender(defender?.id ?? '');
  const saving = create.isPending || update.isPending;

  const withSensitive = sensitiveAllowed && revealed;
  const offered = formFields.filter(
    (field) => withSensitive || !(sensitiveFields as readonly string[]).includes(field),
  );

  const name = useWatch({ control, name: 'displayName' });
  const country = useWatch({ control, name: 'country' });
  const [typedName] = useDebouncedValue(name.trim(), 400);
  const similar = useSimilarDefenders(editing ? '' : typedName);
  const shownDuplicates = duplicates ?? similar.data?.items ?? [];

  const revealSensitive = async () => {
    if (!defender) return;
    setRevealing(true);
    try {
      const record = await queryClient.fetchQuery(sensitiveDefenderQueryOptions(defender.id));
      const values = toFormValues(record);
      for (const field of sensitiveFields) {
        form.setValue(field, values[field]);
      }
      setBase((current) => ({
        ...current,
        legalName: values.legalName,
        contact: values.contact,
        region: values.region,
      }));
      setRevealed(true);
    } catch (error) {
      setFailure(error instanceof Error ? error.message : String(error));
    } finally {
      setRevealing(false);
    }
  };

  const showConflict = async (details: unknown) => {
    if (!defender) return;
    const sent = (details as { current?: unknown } | undefined)?.current;
    let current = defenderOutput.safeParse(sent).data;
    // the 409 carries no sensitive value: those the user is editing are read again
    if (!current || withSensitive) {
      current = await getDefender(defender.id, { sensitive: withSensitive });
    }
    const theirs = toFormValues(current);
    const mine = form.getValues();
    const fields = offered
      .filter((field) => !same(theirs[field], base[field]) && !same(mine[field], theirs[field]))
      .map((field): ConflictField => ({
        name: field,
        label: t(`fields.${field}`),
        mine: describe(field, mine[field]),
        theirs: describe(field, theirs[field]),
        initial: same(mine[field], base[field]) ? 'theirs' : 'mine',
      }));
    setConflict({ fields, theirs, version: current.version });
    requestAnimationFrame(() => conflictBox.current?.scrollIntoView({ block: 'start' }));
  };

  const applyConflict = (choices: Record<string, ConflictChoice>) => {
    if (!conflict) return;
    const mine = form.getValues();
    const merged: DefenderFormValues = { ...mine, version: conflict.version };
    for (const field of offered) {
      if (same(conflict.theirs[field], base[field])) continue;
      const keepMine = choices[field] === 'mine';
      Object.assign(merged, { [field]: keepMine ? mine[field] : conflict.theirs[field] });
    }
    setBase({ ...base, ...conflict.theirs });
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

  const onSubmit = async (values: DefenderFormValues) => {
    setFailure(null);
    if (!editing) {
      if (confirmedName.current !== values.displayName) {
        const found = await queryClient
          .fetchQuery(similarDefendersQueryOptions(values.displayName))
          .catch(() => ({ items: [] }));
        if (found.items.length > 0) {
          setDuplicates(found.items);
          requestAnimationFrame(() => duplicateWarning.current?.focus());
          return;
        }
      }
      create.mutate(toCreateInput(values, { withSensitive }), {
        onSuccess: (created) => {
          notify({
            color: 'green',
            message: t('form.created', { name: created.displayName }),
          });
          void navigate(`/defenders/${created.id}`);
        },
        onError: onFailure,
      });
      return;
    }
    const changed = changedFields(values, base, offered);
    if (changed.length === 0) {
      void navigate(`/defenders/${defender.id}`);
      return;
    }
    const patch = Object.fromEntries(changed.map((field) => [field, values[field]]));
    update.mutate(
      { ...patch, version: version ?? defender.version },
      {
        onSuccess: (saved) => {
          notify({
            color: 'green',
            message: t('form.saved', { name: saved.displayName }),
          });
          void navigate(`/defenders/${saved.id}`);
        },
        onError: onFailure,
      },
    );
  };

  const addAnyway = () => {
    confirmedName.current = form.getValues('displayName').trim();
    void form.handleSubmit(onSubmit)();
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
        <DefenderFields
          control={control}
          country={country}
          sensitive={!sensitiveAllowed ? 'absent' : revealed ? 'inputs' : 'masked'}
          onRevealSensitive={() => void revealSensitive()}
          revealing={revealing}
          afterName={
            !editing && (
              <DuplicateWarning
                ref={duplicateWarning}
                similar={shownDuplicates}
                asked={duplicates !== null}
                onAddAnyway={addAnyway}
                adding={saving}
              />
            )
          }
        />
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
            to={editing ? `/defenders/${defender.id}` : '/defenders'}
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
  const { t } = useDefendersText();
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

export function NewDefenderPage() {
  const { t } = useDefendersText();
  const ability = useAppAbility();
  const user = useSessionUser();
  if (!ability.can('create', 'Defender')) {
    return <NoRight title={t('form.newTitle')} text={t('form.cannotCreate')} back="/defenders" />;
  }
  const country = user.countries.length === 1 ? user.countries[0]! : '';
  return (
    <section aria-labelledby="page-title">
      <PageHeader title={t('form.newTitle')} description={t('form.newDescription')} />
      <DefenderForm
        initial={emptyDefender(country)}
        sensitiveAllowed={ability.can('create', 'Defender', 'legalName')}
      />
    </section>
  );
}

export function EditDefenderPage() {
  const { id = '' } = useParams();
  const { t } = useDefendersText();
  const ability = useAppAbility();
  const query = useDefender(id);

  if (query.isPending) return <LoadingState />;
  if (isApiError(query.error, 'NOT_FOUND') || isApiError(query.error, 'VALIDATION')) {
    return <NoRight title={t('page.notFound')} text={t('page.notFoundText')} back="/defenders" />;
  }
  if (query.error) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;

  const defender = query.data;
  const record = defenderSubject(defender);
  if (!ability.can('update', record)) {
    return (
      <NoRight
        title={t('form.editTitle', { name: defender.displayName })}
        text={t('form.cannotEdit')}
        back={`/defenders/${defender.id}`}
      />
    );
  }
  const sensitiveAllowed =
    ability.can('read', record, 'legalName') && ability.can('update', record, 'legalName');
  return (
    <section aria-labelledby="page-title">
      <PageHeader
        title={t('form.editTitle', { name: defender.displayName })}
        description={t('form.editDescription')}
        actions={
          ability.can('delete', record) && (
            <DeleteDefenderButton id={defender.id} name={defender.displayName} />
          )
        }
      />
      <DefenderForm
        key={defender.id}
        defender={defender}
        initial={toFormValues(defender)}
        sensitiveAllowed={sensitiveAllowed}
      />
    </section>
  );
}
