import {
  Button,
  Group,
  MultiSelect,
  NumberInput,
  Radio,
  Select,
  SimpleGrid,
  Stack,
  TagsInput,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { IconEye } from '@tabler/icons-react';
import { consents, genders, riskLevels, shareWithAuthoritiesValues } from '@vigil/shared/enums';
import type { ReactNode } from 'react';
import { Controller, type Control } from 'react-hook-form';
import { useCountryOptions } from '../../../../lib/countries.ts';
import { useCommonText } from '../../../../lib/i18n.ts';
import { useVocabularies } from '../../../../lib/lookups.ts';
import { useDefendersText } from '../../i18n/index.ts';
import { FormSection } from '../../../../components/ui/FormSection.tsx';
import { fieldId, type DefenderFormValues } from './defender-form-model.ts';

type Values = DefenderFormValues;

type TextFieldName = {
  [K in keyof Values]-?: Values[K] extends string | null ? K : never;
}[keyof Values];

// A text input whose empty value is null: "no value" to the shared schemas.
function OptionalText({
  control,
  name,
  label,
  description,
  multiline = false,
}: {
  control: Control<Values>;
  name: TextFieldName;
  label: string;
  description?: string;
  multiline?: boolean;
}) {
  return (
    <Controller
      control={control}
      name={name}
      render={({ field, fieldState }) => {
        const props = {
          id: fieldId(name),
          label,
          description,
          value: field.value ?? '',
          onChange: (event: { currentTarget: { value: string } }) =>
            field.onChange(event.currentTarget.value === '' ? null : event.currentTarget.value),
          onBlur: field.onBlur,
          ref: field.ref,
          error: fieldState.error?.message,
        };
        return multiline ? <Textarea {...props} autosize minRows={3} /> : <TextInput {...props} />;
      }}
    />
  );
}

interface DefenderFieldsProps {
  control: Control<Values>;
  // the country the record has, kept among the choices even outside the user's countries
  country: string;
  // whether the sensitive fields are offered as inputs
  sensitive: 'inputs' | 'masked' | 'absent';
  onRevealSensitive: () => void;
  revealing: boolean;
  // under the name: the likely duplicates of a new defender
  afterName?: ReactNode;
}

// The defender's fields, one column in titled sections (UI.md, "Forms").
export function DefenderFields({
  control,
  country,
  sensitive,
  onRevealSensitive,
  revealing,
  afterName,
}: DefenderFieldsProps) {
  const { t } = useDefendersText();
  const common = useCommonText().t;
  const vocabularies = useVocabularies();
  const countries = useCountryOptions(country ? [country] : []);

  return (
    <Stack gap="md">
      <FormSection id="who" title={t('form.who')}>
        <Controller
          control={control}
          name="displayName"
          render={({ field, fieldState }) => (
            <TextInput
              id={fieldId('displayName')}
              label={t('fields.displayName')}
              description={t('form.displayNameHelp')}
              withAsterisk
              {...field}
              error={fieldState.error?.message}
            />
          )}
        />
        {afterName}
        <Controller
          control={control}
          name="aliases"
          render={({ field, fieldState }) => (
            <TagsInput
              id={fieldId('aliases')}
              label={t('fields.aliases')}
              description={t('form.aliasesHelp')}
              value={field.value}
              onChange={field.onChange}
              onBlur={field.onBlur}
              ref={field.ref}
              error={fieldState.error?.message}
              splitChars={[]}
              acceptValueOnBlur
              clearable
            />
          )}
        />
        <OptionalText
          control={control}
          name="pseudonym"
          label={t('fields.pseudonym')}
          description={t('form.pseudonymHelp')}
        />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <Controller
            control={control}
            name="gender"
            render={({ field }) => (
              <Select
                id={fieldId('gender')}
                label={t('fields.gender')}
                data={genders.map((gender) => ({
                  value: gender,
                  label: common(`gender.${gender}`),
                }))}
                value={field.value}
                onChange={(value) => field.onChange(value ?? 'UNKNOWN')}
                onBlur={field.onBlur}
                ref={field.ref}
                allowDeselect={false}
              />
            )}
          />
          <Controller
            control={control}
            name="birthYear"
            render={({ field, fieldState }) => (
              <NumberInput
                id={fieldId('birthYear')}
                label={t('fields.birthYear')}
                value={field.value ?? ''}
                onChange={(value) => field.onChange(typeof value === 'number' ? value : null)}
                onBlur={field.onBlur}
                ref={field.ref}
                min={1900}
                max={2100}
                allowDecimal={false}
                allowNegative={false}
                thousandSeparator={false}
                hideControls
                error={fieldState.error?.message}
              />
            )}
          />
        </SimpleGrid>
        <OptionalText
          control={control}
          name="genderSelfDescription"
          label={t('fields.genderSelfDescription')}
          description={t('form.genderSelfDescriptionHelp')}
        />
      </FormSection>

      <FormSection id="work" title={t('form.work')}>
        <Controller
          control={control}
          name="country"
          render={({ field, fieldState }) => (
            <Select
              id={fieldId('country')}
              label={t('fields.country')}
              withAsterisk
              data={countries}
              value={field.value || null}
              onChange={(value) => field.onChange(value ?? '')}
              onBlur={field.onBlur}
              ref={field.ref}
              searchable
              error={fieldState.error?.message}
            />
          )}
        />
        <Controller
          control={control}
          name="sectors"
          render={({ field, fieldState }) => (
            <MultiSelect
              id={fieldId('sectors')}
              label={t('fields.sectors')}
              data={(vocabularies.data?.sectors ?? [])
                .filter((sector) => !sector.retired || field.value.includes(sector.code))
                .map((sector) => ({
                  value: sector.code,
                  label: sector.retired
                    ? `${sector.label} (${common('vocabulary.retired')})`
                    : sector.label,
                }))}
              value={field.value}
              onChange={field.onChange}
              onBlur={field.onBlur}
              ref={field.ref}
              searchable
              hidePickedOptions
              error={fieldState.error?.message}
            />
          )}
        />
        <OptionalText control={control} name="organisation" label={t('fields.organisation')} />
      </FormSection>

      <FormSection id="consent" title={t('form.consentAndRisk')}>
        <Controller
          control={control}
          name="consent"
          render={({ field }) => (
            <Radio.Group
              id={fieldId('consent')}
              label={t('fields.consent')}
              description={t('form.consentHelp')}
              value={field.value}
              onChange={field.onChange}
            >
              <Stack gap="xs" mt="xs">
                {consents.map((consent) => (
                  <Radio
                    key={consent}
                    value={consent}
                    label={common(`consent.${consent}`)}
                    description={t(`form.consentMeaning.${consent}`)}
                  />
                ))}
              </Stack>
            </Radio.Group>
          )}
        />
        <Controller
          control={control}
          name="shareWithAuthorities"
          render={({ field }) => (
            <Radio.Group
              id={fieldId('shareWithAuthorities')}
              label={t('fields.shareWithAuthorities')}
              description={t('form.shareWithAuthoritiesHelp')}
              value={field.value}
              onChange={field.onChange}
            >
              <Group gap="lg" mt="xs">
                {shareWithAuthoritiesValues.map((value) => (
                  <Radio key={value} value={value} label={t(`shareWithAuthorities.${value}`)} />
                ))}
              </Group>
            </Radio.Group>
          )}
        />
        <Controller
          control={control}
          name="riskLevel"
          render={({ field }) => (
            <Select
              id={fieldId('riskLevel')}
              label={t('fields.riskLevel')}
              data={riskLevels.map((level) => ({
                value: level,
                label: common(`riskLevel.${level}`),
              }))}
              value={field.value}
              onChange={(value) => field.onChange(value ?? 'MEDIUM')}
              onBlur={field.onBlur}
              ref={field.ref}
              allowDeselect={false}
              maw={{ sm: '20rem' }}
            />
          )}
        />
      </FormSection>

      {sensitive !== 'absent' && (
        <FormSection
          id="sensitive"
          title={t('page.sensitive')}
          description={t('form.sensitiveHelp')}
        >
          {sensitive === 'inputs' ? (
            <>
              <OptionalText control={control} name="legalName" label={t('fields.legalName')} />
              <OptionalText
                control={control}
                name="contact"
                label={t('fields.contact')}
                multiline
              />
              <OptionalText control={control} name="region" label={t('fields.region')} />
            </>
          ) : (
            <Group gap="sm" wrap="wrap">
              <Text size="sm" c="dimmed">
                {t('form.sensitiveMasked')}
              </Text>
              <Button
                variant="light"
                size="xs"
                leftSection={<IconEye size={14} aria-hidden />}
                onClick={onRevealSensitive}
                loading={revealing}
              >
                {t('form.sensitiveReveal')}
              </Button>
            </Group>
          )}
        </FormSection>
      )}

      <FormSection id="notes" title={t('fields.notes')}>
        <OptionalText
          control={control}
          name="notes"
          label={t('form.notesLabel')}
          description={t('form.notesHelp')}
          multiline
        />
      </FormSection>
    </Stack>
  );
}
