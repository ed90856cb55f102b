import {
  Alert,
  Button,
  Group,
  Input,
  List,
  Paper,
  Select,
  Stack,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { IconEye, IconLock, IconPlus, IconTrash } from '@tabler/icons-react';
import { reliabilities, verifications } from '@vigil/shared/enums';
import type { VocabulariesOutput } from '@vigil/shared/schemas/vocabularies';
import { useState, type ReactNode } from 'react';
import { Controller, useFieldArray, useFormContext } from 'react-hook-form';
import { useTerm } from '../../../../lib/lookups.ts';
import { useIncidentsText } from '../../i18n/index.ts';
import { FormSection } from '../../../../components/ui/FormSection.tsx';
import { fieldId, newSource, type IncidentFormValues } from './form-model.ts';
import type { FormContext } from './form-validation.ts';
import { TermSelect } from './TermInputs.tsx';

function focusSoon(id: string) {
  window.setTimeout(() => document.getElementById(id)?.focus(), 50);
}

// Who the source is: masked while it holds a value the user did not just type (loaded,
// restored), so that a glance or a screenshot shows nothing until they ask.
function IdentityInput({ index }: { index: number }) {
  const { t } = useIncidentsText();
  const { control } = useFormContext<IncidentFormValues, FormContext>();
  const path = `sources.${index}.identity` as const;
  const id = fieldId(path);
  return (
    <Controller
      control={control}
      name={path}
      render={({ field, fieldState }) => (
        <MaskedWhenFilled
          id={id}
          filled={field.value.trim() !== ''}
          label={t('form.fields.identity')}
          showLabel={t('form.sources.showIdentity', { number: index + 1 })}
          render={() => (
            <TextInput
              id={id}
              ref={field.ref}
              label={
                <Group gap={4} component="span" wrap="nowrap">
                  <IconLock size={14} aria-hidden />
                  {t('form.fields.identity')}
                </Group>
              }
              description={t('form.hints.identity')}
              autoComplete="off"
              value={field.value}
              onChange={(event) => field.onChange(event.currentTarget.value)}
              onBlur={field.onBlur}
              error={fieldState.error?.message}
            />
          )}
        />
      )}
    />
  );
}

function MaskedWhenFilled({
  id,
  filled,
  label,
  showLabel,
  render,
}: {
  id: string;
  filled: boolean;
  label: string;
  // the button's name: "Show to change", then which value
  showLabel: string;
  render: () => ReactNode;
}) {
  const { t } = useIncidentsText();
  // what is empty when the field appears is typed by this user: no need to mask it
  const [revealed, setRevealed] = useState(!filled);
  if (revealed) return <>{render()}</>;
  return (
    <Input.Wrapper
      label={
        <Group gap={4} component="span" wrap="nowrap">
          <IconLock size={14} aria-hidden />
          {label}
        </Group>
      }
      description={t('form.hints.identityMasked')}
    >
      <Group gap="xs" mt={4} wrap="wrap">
        <Text span ff="monospace" c="dimmed" aria-hidden>
          ••••••
        </Text>
        <Text span size="sm" c="dimmed">
          {t('common:sensitive.masked', { field: label })}
        </Text>
        <Button
          id={id}
          size="compact-xs"
          variant="light"
          leftSection={<IconEye size={14} aria-hidden />}
          onClick={() => {
            setRevealed(true);
            focusSoon(id);
          }}
          aria-label={showLabel}
        >
          {t('form.sources.showToEdit')}
        </Button>
      </Group>
    </Input.Wrapper>
  );
}

// Sources the caller may not change: their identities are hidden from them, and saving the
// list would erase those (lists are replaced wholesale).
function LockedSources() {
  const { t } = useIncidentsText();
  const term = useTerm();
  const { getValues } = useFormContext<IncidentFormValues, FormContext>();
  const sources = getValues('sources');
  return (
    <Stack gap="xs">
      <Alert color="gray" icon={<IconLock aria-hidden />}>
        {t('form.sources.locked')}
      </Alert>
      <List spacing={4}>
        {sources.map((source, index) => (
          <List.Item key={index}>
            <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
              {source.kind ? term('sourceKinds', source.kind).label : ''} ·{' '}
              {t(`common:reliability.${source.reliability}`)}: {source.description}
            </Text>
          </List.Item>
        ))}
      </List>
    </Stack>
  );
}

export function SourcesSection({
  vocabularies,
  locked,
}: {
  vocabularies: VocabulariesOutput;
  locked: boolean;
}) {
  const { t } = useIncidentsText();
  const {
    control,
    register,
    formState: { errors },
  } = useFormContext<IncidentFormValues, FormContext>();
  const { fields, append, remove } = useFieldArray({ control, name: 'sources' });

  return (
    <FormSection
      id="incident-sources"
      title={t('form.sections.sources')}
      description={t('form.sections.sourcesText')}
    >
      {locked ? (
        <LockedSources />
      ) : (
        <>
          {fields.length === 0 && (
            <Text size="sm" c="dimmed">
              {t('form.sources.none')}
            </Text>
          )}
          {fields.map((field, index) => {
            const path = `sources.${index}` as const;
            const number = index + 1;
            const headingId = `${fieldId(path)}-heading`;
            return (
              <Paper key={field.id} component="fieldset" aria-labelledby={headingId} p="sm" m={0}>
                <Stack gap="sm">
                  <Group justify="space-between" wrap="nowrap" gap="xs">
                    <Text id={headingId} fw={600} size="sm">
                      {t('form.sources.heading', { number })}
                    </Text>
                    <Button
                      variant="subtle"
                      color="red"
                      size="compact-sm"
                      leftSection={<IconTrash size={14} aria-hidden />}
                      onClick={() => {
                        remove(index);
                        focusSoon(fieldId('sources'));
                      }}
                      aria-label={t('form.sources.removeNamed', { number })}
                    >
                      {t('form.sources.remove')}
                    </Button>
                  </Group>
                  <Group grow align="flex-start" gap="sm" wrap="wrap">
                    <Controller
                      control={control}
                      name={`${path}.kind`}
                      render={({ field: input, fieldState }) => (
                        <TermSelect
                          id={fieldId(`${path}.kind`)}
                          ref={input.ref}
                          vocabulary="sourceKinds"
                          terms={vocabularies.sourceKinds}
                          label={t('form.fields.sourceKind')}
                          withAsterisk
                          value={input.value}
                          onChange={input.onChange}
                          onBlur={input.onBlur}
                          error={fieldState.error?.message}
                          miw={200}
                        />
                      )}
                    />
                    <Controller
                      control={control}
                      name={`${path}.reliability`}
                      render={({ field: input }) => (
                        <Select
                          id={fieldId(`${path}.reliability`)}
                          ref={input.ref}
                          label={t('form.fields.reliability')}
                          data={reliabilities.map((value) => ({
                            value,
                            label: t(`common:reliability.${value}`),
                          }))}
                          value={input.value}
                          onChange={(value) => value && input.onChange(value)}
                          allowDeselect={false}
                          miw={200}
                        />
                      )}
                    />
                  </Group>
                  <Textarea
                    id={fieldId(`${path}.description`)}
                    label={t('form.fields.sourceDescription')}
                    description={t('form.hints.sourceDescription')}
                    withAsterisk
                    autosize
                    minRows={2}
                    maxRows={10}
                    error={errors.sources?.[index]?.description?.message}
                    {...register(`${path}.description`)}
                  />
                  <IdentityInput index={index} />
                </Stack>
              </Paper>
            );
          })}
          <Group>
            <Button
              id={fieldId('sources')}
              variant="light"
              size="xs"
              leftSection={<IconPlus size={14} aria-hidden />}
              onClick={() => {
                append(newSource(), { shouldFocus: false });
                focusSoon(fieldId(`sources.${fields.length}.kind`));
              }}
            >
              {fields.length === 0 ? t('form.sources.add') : t('form.sources.addAnother')}
            </Button>
          </Group>
        </>
      )}
      <Controller
        control={control}
        name="verification"
        render={({ field }) => (
          <Select
            id={fieldId('verification')}
            ref={field.ref}
            label={t('form.fields.verification')}
            description={t('form.hints.verification')}
            data={verifications.map((value) => ({
              value,
              label: t(`common:verification.${value}`),
            }))}
            value={field.value}
            onChange={(value) => value && field.onChange(value)}
            allowDeselect={false}
            maw={{ sm: 360 }}
          />
        )}
      />
    </FormSection>
  );
}
