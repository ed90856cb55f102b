import { zodResolver } from '@hookform/resolvers/zod';
import {
  Alert,
  Button,
  Fieldset,
  Group,
  List,
  Modal,
  Select,
  SimpleGrid,
  Stack,
  TagsInput,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useDebouncedValue, useMediaQuery } from '@mantine/hooks';
import { IconAlertTriangle, IconLock } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { consents, genders, riskLevels, shareWithAuthoritiesValues } from '@vigil/shared/enums';
import {
  createDefenderInput,
  type DefenderOutput,
  type DefenderSummary,
} from '@vigil/shared/schemas/defenders';
import type { VocabulariesOutput } from '@vigil/shared/schemas/vocabularies';
import { useRef, useState, type Ref } from 'react';
import { Controller, useForm, useWatch, type Resolver } from 'react-hook-form';
import { countryName, formatPercent } from '../../../../lib/format.ts';
import { applyServerErrors } from '../../../../lib/forms.ts';
import { i18n } from '../../../../lib/i18n.ts';
import { useCreateDefenderInline } from '../../api/create-defender-inline.ts';
import {
  similarDefendersQueryOptions,
  useSimilarDefenders,
} from '../../api/find-similar-defenders.ts';
import { useIncidentsText } from '../../i18n/index.ts';
import { TermMultiSelect } from './TermInputs.tsx';

interface DefenderFormValues {
  displayName: string;
  aliases: string[];
  gender: (typeof genders)[number];
  sectors: string[];
  consent: (typeof consents)[number];
  shareWithAuthorities: (typeof shareWithAuthoritiesValues)[number];
  riskLevel: (typeof riskLevels)[number];
  country: string | null;
  organisation: string;
  legalName: string;
  contact: string;
  region: string;
}

const optional = (value: string) => (value.trim() === '' ? undefined : value);

function toDefenderInput(values: DefenderFormValues) {
  return {
    displayName: values.displayName,
    aliases: values.aliases,
    gender: values.gender,
    sectors: values.sectors,
    consent: values.consent,
    shareWithAuthorities: values.shareWithAuthorities,
    riskLevel: values.riskLevel,
    country: values.country ?? undefined,
    organisation: optional(values.organisation),
    legalName: optional(values.legalName),
    contact: optional(values.contact),
    region: optional(values.region),
  };
}

const validate = zodResolver(createDefenderInput);

// zodResolver over the shared createDefenderInput, given the API's input made of the values.
const defenderResolver: Resolver<DefenderFormValues> = async (values, context, options) => {
  const result = await validate(toDefenderInput(values) as never, context, options as never);
  const errors = result.errors as Record<string, { message?: string }>;
  if (Object.keys(errors).length === 0) return { values, errors: {} };
  if (errors.displayName && values.displayName.trim() === '') {
    errors.displayName.message = i18n.t('form.newDefender.errors.displayName', {
      ns: 'incidents',
    });
  }
  if (errors.country && !values.country) {
    errors.country.message = i18n.t('form.newDefender.errors.country', { ns: 'incidents' });
  }
  return { values: {}, errors: result.errors };
};

const similarKey = (name: string, country: string | null) => `${name.trim()}|${country ?? ''}`;

function SimilarList({
  ref,
  items,
  onPick,
}: {
  ref: Ref<HTMLDivElement>;
  items: (DefenderSummary & { similarity: number })[];
  onPick: (defender: DefenderSummary) => void;
}) {
  const { t } = useIncidentsText();
  return (
    <Alert
      ref={ref}
      tabIndex={-1}
      color="yellow"
      icon={<IconAlertTriangle aria-hidden />}
      // yellow text on the light yellow background is below the WCAG contrast ratio
      title={
        <Text span inherit c="bright">
          {t('form.newDefender.similarTitle')}
        </Text>
      }
      role="region"
      aria-label={t('form.newDefender.similarTitle')}
    >
      <Stack gap="xs">
        <Text size="sm">{t('form.newDefender.similarText')}</Text>
        <List listStyleType="none" spacing="xs" m={0} p={0}>
          {items.map((defender) => (
            <List.Item key={defender.id}>
              <Group justify="space-between" wrap="wrap" gap="xs">
                <Stack gap={0} miw={0} style={{ flex: '1 1 14rem' }}>
                  <Text size="sm" fw={600}>
                    {defender.displayName}{' '}
                    <Text span size="xs" fw={400}>
                      {t('form.newDefender.similarity', {
                        value: formatPercent(defender.similarity),
                      })}
                    </Text>
                  </Text>
                  <Text size="xs" style={{ overflowWrap: 'anywhere' }}>
                    {[
                      defender.aliases.length > 0
                        ? t('form.newDefender.alsoKnownAs', {
                            aliases: defender.aliases.join(', '),
                          })
                        : '',
                      countryName(defender.country),
                      defender.organisation ?? '',
                    ]
                      .filter(Boolean)
                      .join(' · ')}
                  </Text>
                </Stack>
                <Button
                  size="compact-sm"
                  variant="light"
                  onClick={() => onPick(defender)}
                  aria-label={t('form.newDefender.useNamed', { name: defender.displayName })}
                >
                  {t('form.newDefender.use')}
                </Button>
              </Group>
            </List.Item>
          ))}
        </List>
      </Stack>
    </Alert>
  );
}

// Records a defender without leaving the incident. Before recording, it lists the likely
// duplicates (GET /defenders/similar) and lets the user take one of them instead; recording
// anyway means saying "this is a different person".
export function NewDefenderModal({
  opened,
  initialName,
  country,
  countries,
  vocabularies,
  onClose,
  onChosen,
}: {
  opened: boolean;
  initialName: string;
  country: string | null;
  countries: { value: string; label: string }[];
  vocabularies: VocabulariesOutput;
  onClose: () => void;
  onChosen: (defender: DefenderOutput | DefenderSummary) => void;
}) {
  const { t } = useIncidentsText();
  const phone = useMediaQuery('(max-width: 36em)');
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={t('form.newDefender.title')}
      size="lg"
      fullScreen={phone}
      closeButtonProps={{ 'aria-label': t('form.newDefender.close') }}
    >
      {opened && (
        <NewDefenderForm
          initialName={initialName}
          country={country}
          countries={countries}
          vocabularies={vocabularies}
          onCancel={onClose}
          onChosen={onChosen}
        />
      )}
    </Modal>
  );
}

function NewDefenderForm({
  initialName,
  country,
  countries,
  vocabularies,
  onCancel,
  onChosen,
}: {
  initialName: string;
  country: string | null;
  countries: { value: string; label: string }[];
  vocabularies: VocabulariesOutput;
  onCancel: () => void;
  onChosen: (defender: DefenderOutput | DefenderSummary) => void;
}) {
  const { t } = useIncidentsText();
  const queryClient = useQueryClient();
  const createDefender = useCreateDefenderInline();
  const [failure, setFailure] = useState<string | null>(null);
  const form = useForm<DefenderFormValues>({
    resolver: defenderResolver,
    defaultValues: {
      displayName: initialName,
      aliases: [],
      gender: 'UNKNOWN',
      sectors: [],
      consent: 'CONFIDENTIAL',
      shareWithAuthorities: 'UNKNOWN',
      riskLevel: 'MEDIUM',
      country: country ?? (countries.length === 1 ? countries[0]!.value : null),
      organisation: '',
      legalName: '',
      contact: '',
      region: '',
    },
  });
  const {
    control,
    register,
    formState: { errors, isSubmitting },
  } = form;
  const name = useWatch({ control, name: 'displayName' });
  const chosenCountry = useWatch({ control, name: 'country' });
  const [debouncedName] = useDebouncedValue(name, 350);
  const similar = useSimilarDefenders(debouncedName, chosenCountry);
  const similarItems = similar.data?.items ?? [];
  // likely duplicates found when the user tried to record before the list had shown
  const [checked, setChecked] = useState<{ key: string; items: typeof similarItems } | null>(null);
  const warningRef = useRef<HTMLDivElement>(null);
  const currentKey = similarKey(name, chosenCountry);
  const listed =
    similarItems.length > 0 && debouncedName.trim() === name.trim()
      ? similarItems
      : checked?.key === currentKey
        ? checked.items
        : [];
  // the list on screen is for this very name and country
  const shownFor = listed.length > 0 ? currentKey : null;

  async function record(values: DefenderFormValues) {
    setFailure(null);
    const input = createDefenderInput.parse(toDefenderInput(values));
    const key = similarKey(input.displayName, input.country);
    // the user must have seen the likely duplicates of exactly this name before recording
    if (shownFor !== key) {
      const found = await queryClient
        .fetchQuery(similarDefendersQueryOptions(input.displayName, input.country))
        .catch(() => ({ items: [] }));
      if (found.items.length > 0) {
        setChecked({ key, items: found.items });
        window.setTimeout(() => warningRef.current?.focus(), 0);
        return;
      }
    }
    try {
      onChosen(await createDefender.mutateAsync(input));
    } catch (error) {
      if (!applyServerErrors(error, form.setError)) {
        setFailure(
          t('form.newDefender.failed', {
            message: error instanceof Error ? error.message : String(error),
          }),
        );
      }
    }
  }

  return (
    <form
      noValidate
      onSubmit={(event) => {
        // the modal sits inside the incident's form in React's tree: this submit is its own
        event.stopPropagation();
        void form.handleSubmit(record)(event);
      }}
    >
      <Stack gap="md">
        <TextInput
          label={t('form.newDefender.displayName')}
          description={t('form.newDefender.displayNameHint')}
          withAsterisk
          data-autofocus
          autoComplete="off"
          error={errors.displayName?.message}
          {...register('displayName')}
        />
        {shownFor && <SimilarList ref={warningRef} items={listed} onPick={onChosen} />}
        <Controller
          control={control}
          name="aliases"
          render={({ field }) => (
            <TagsInput
              label={t('form.newDefender.aliases')}
              description={t('form.newDefender.aliasesHint')}
              value={field.value}
              onChange={field.onChange}
              onBlur={field.onBlur}
              ref={field.ref}
              error={errors.aliases?.message}
            />
          )}
        />
        <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
          <Controller
            control={control}
            name="country"
            render={({ field, fieldState }) => (
              <Select
                label={t('form.fields.country')}
                withAsterisk
                data={countries}
                searchable
                value={field.value}
                onChange={field.onChange}
                onBlur={field.onBlur}
                ref={field.ref}
                error={fieldState.error?.message}
              />
            )}
          />
          <Controller
            control={control}
            name="gender"
            render={({ field }) => (
              <Select
                label={t('form.newDefender.gender')}
                data={genders.map((value) => ({ value, label: t(`common:gender.${value}`) }))}
                value={field.value}
                onChange={(value) => value && field.onChange(value)}
                allowDeselect={false}
              />
            )}
          />
          <Controller
            control={control}
            name="consent"
            render={({ field }) => (
              <Select
                label={t('form.newDefender.consent')}
                description={t('form.newDefender.consentHint')}
                data={consents.map((value) => ({ value, label: t(`common:consent.${value}`) }))}
                value={field.value}
                onChange={(value) => value && field.onChange(value)}
                allowDeselect={false}
              />
            )}
          />
          <Controller
            control={control}
            name="shareWithAuthorities"
            render={({ field }) => (
              <Select
                label={t('form.newDefender.shareWithAuthorities')}
                description={t('form.newDefender.shareWithAuthoritiesHint')}
                data={shareWithAuthoritiesValues.map((value) => ({
                  value,
                  label: t(`form.newDefender.shareWithAuthoritiesValues.${value}`),
                }))}
                value={field.value}
                onChange={(value) => value && field.onChange(value)}
                allowDeselect={false}
              />
            )}
          />
          <Controller
            control={control}
            name="riskLevel"
            render={({ field }) => (
              <Select
                label={t('form.newDefender.riskLevel')}
                description={t('form.newDefender.riskLevelHint')}
                data={riskLevels.map((value) => ({
                  value,
                  label: t(`common:riskLevel.${value}`),
                }))}
                value={field.value}
                onChange={(value) => value && field.onChange(value)}
                allowDeselect={false}
              />
            )}
          />
        </SimpleGrid>
        <Controller
          control={control}
          name="sectors"
          render={({ field }) => (
            <TermMultiSelect
              vocabulary="sectors"
              terms={vocabularies.sectors}
              label={t('form.newDefender.sectors')}
              value={field.value}
              onChange={field.onChange}
              onBlur={field.onBlur}
              ref={field.ref}
              error={errors.sectors?.message}
            />
          )}
        />
        <TextInput
          label={t('form.newDefender.organisation')}
          error={errors.organisation?.message}
          {...register('organisation')}
        />
        <Fieldset
          legend={
            <Group gap={6} component="span">
              <IconLock size={14} aria-hidden />
              {t('form.newDefender.sensitive')}
            </Group>
          }
          variant="filled"
        >
          <Stack gap="sm">
            <Text size="xs" c="dimmed">
              {t('form.newDefender.sensitiveText')}
            </Text>
            <TextInput
              label={t('form.newDefender.legalName')}
              autoComplete="off"
              error={errors.legalName?.message}
              {...register('legalName')}
            />
            <Textarea
              label={t('form.newDefender.contact')}
              autosize
              minRows={2}
              autoComplete="off"
              error={errors.contact?.message}
              {...register('contact')}
            />
            <TextInput
              label={t('form.newDefender.region')}
              autoComplete="off"
              error={errors.region?.message}
              {...register('region')}
            />
          </Stack>
        </Fieldset>
        {failure && (
          <Alert color="red" role="alert" icon={<IconAlertTriangle aria-hidden />}>
            {failure}
          </Alert>
        )}
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onCancel}>
            {t('common:actions.cancel')}
          </Button>
          <Button type="submit" loading={isSubmitting}>
            {shownFor ? t('form.newDefender.recordDifferent') : t('form.newDefender.record')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
