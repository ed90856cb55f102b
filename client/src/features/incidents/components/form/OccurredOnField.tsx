import { Group, NumberInput, SegmentedControl, Select, Stack, Text } from '@mantine/core';
import { DateInput } from '@mantine/dates';
import { datePrecisions } from '@vigil/shared/enums';
import { useState } from 'react';
import { Controller, useFormContext, useWatch } from 'react-hook-form';
import { monthNames } from '../../../../lib/format.ts';
import { useIncidentsText } from '../../i18n/index.ts';
import { fieldId, type IncidentFormValues } from './form-model.ts';
import type { FormContext } from './form-validation.ts';

const pad = (value: number, length = 2) => String(value).padStart(length, '0');

function isoOf(year: number, month: number, day: number): string | null {
  const date = new Date(Date.UTC(year, month - 1, day));
  if (year < 1 || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return `${pad(year, 4)}-${pad(month)}-${pad(day)}`;
}

function monthOf(name: string): number | undefined {
  const word = name.toLowerCase().replace(/\.$/, '');
  if (word.length < 3) return undefined;
  const index = [...monthNames('long'), ...monthNames('short')]
    .map((month) => month.toLowerCase())
    .findIndex((month) => month.startsWith(word));
  return index < 0 ? undefined : (index % 12) + 1;
}

// What people type for a day: 2014-03-12, 12 Mar 2014, March 12 2014, or 12/03/2014 (day
// first, as in the countries Vigil works on).
export function parseTypedDate(text: string): string | null {
  const value = text.trim();
  let match = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(value);
  if (match) return isoOf(Number(match[1]), Number(match[2]), Number(match[3]));
  match = /^(\d{1,2})[\s./-]+([\p{L}.]+)[\s,./-]+(\d{4})$/u.exec(value);
  if (match) {
    const month = monthOf(match[2]!);
    return month ? isoOf(Number(match[3]), month, Number(match[1])) : null;
  }
  match = /^([\p{L}.]+)\s+(\d{1,2}),?\s+(\d{4})$/u.exec(value);
  if (match) {
    const month = monthOf(match[1]!);
    return month ? isoOf(Number(match[3]), month, Number(match[2])) : null;
  }
  match = /^(\d{1,2})[./-](\d{1,2})[./-](\d{4})$/.exec(value);
  if (match) return isoOf(Number(match[3]), Number(match[2]), Number(match[1]));
  return null;
}

type Precision = (typeof datePrecisions)[number];

// A date stored as the first day of its month or year when only those are known.
function narrowed(date: string | null, precision: Precision): string | null {
  if (!date) return null;
  if (precision === 'MONTH') return `${date.slice(0, 7)}-01`;
  if (precision === 'YEAR') return `${date.slice(0, 4)}-01-01`;
  return date;
}

interface DatePartsProps {
  precision: Precision;
  value: string | null;
  onChange: (value: string | null) => void;
  onBlur: () => void;
  inputRef: (element: HTMLInputElement | null) => void;
  error: string | undefined;
}

// The inputs of one precision: a day, a month of a year, or a year.
function DateParts({ precision, value, onChange, onBlur, inputRef, error }: DatePartsProps) {
  const { t } = useIncidentsText();
  // a month chosen before its year (or a year still being typed) waits here
  const [partial, setPartial] = useState<{ month: string | null; year: string }>({
    month: null,
    year: '',
  });
  const id = fieldId('occurredOn');
  const month = value ? value.slice(5, 7) : partial.month;
  const year = value ? String(Number(value.slice(0, 4))) : partial.year;

  function setMonthYear(nextMonth: string | null, nextYear: string) {
    setPartial({ month: nextMonth, year: nextYear });
    const yearNumber = Number(nextYear);
    const complete =
      /^\d{4}$/.test(nextYear) && yearNumber >= 1 && (precision === 'YEAR' || nextMonth);
    onChange(complete ? isoOf(yearNumber, precision === 'YEAR' ? 1 : Number(nextMonth), 1) : null);
  }

  if (precision === 'DAY') {
    return (
      <DateInput
        id={id}
        ref={inputRef}
        label={t('form.fields.date')}
        description={t('form.hints.date')}
        withAsterisk
        value={value}
        onChange={(next) => onChange(next)}
        onBlur={onBlur}
        dateParser={parseTypedDate}
        valueFormat="D MMM YYYY"
        error={error}
        clearable
        clearButtonProps={{ 'aria-label': t('form.clear', { field: t('form.fields.date') }) }}
        maw={{ sm: 260 }}
      />
    );
  }
  const yearInput = (
    <NumberInput
      id={precision === 'YEAR' ? id : `${id}-year`}
      ref={precision === 'YEAR' ? inputRef : undefined}
      label={t('form.fields.year')}
      withAsterisk
      value={year}
      onChange={(next) => setMonthYear(precision === 'YEAR' ? null : month, String(next))}
      onBlur={onBlur}
      min={1}
      max={9999}
      allowDecimal={false}
      allowNegative={false}
      hideControls
      error={precision === 'YEAR' ? error : error ? true : undefined}
      w={{ base: '100%', xs: 140 }}
    />
  );
  if (precision === 'YEAR') return yearInput;
  return (
    <Group align="flex-start" gap="sm" wrap="wrap">
      <Select
        id={id}
        ref={inputRef}
        label={t('form.fields.month')}
        withAsterisk
        data={monthNames('long').map((name, index) => ({ value: pad(index + 1), label: name }))}
        value={month}
        onChange={(next) => setMonthYear(next, year)}
        onBlur={onBlur}
        error={error}
        allowDeselect={false}
        w={{ base: '100%', xs: 200 }}
      />
      {yearInput}
    </Group>
  );
}

// The date of the incident with its precision; stored as the first day of its month or year
// when only those are known.
export function OccurredOnField() {
  const { t } = useIncidentsText();
  const { control, setValue, getValues } = useFormContext<IncidentFormValues, FormContext>();
  const precision = useWatch({ control, name: 'datePrecision' });
  const labelId = `${fieldId('occurredOn')}-precision-label`;
  return (
    <Stack gap="xs">
      <div>
        <Text component="div" size="sm" fw={500} id={labelId}>
          {t('form.fields.datePrecision')}
        </Text>
        <SegmentedControl
          aria-labelledby={labelId}
          value={precision}
          onChange={(value) => {
            const next = value as Precision;
            setValue('datePrecision', next, { shouldDirty: true });
            setValue('occurredOn', narrowed(getValues('occurredOn'), next), {
              shouldDirty: true,
              shouldValidate: getValues('occurredOn') !== null,
            });
          }}
          data={datePrecisions.map((value) => ({
            value,
            label: t(`common:datePrecision.${value}`),
          }))}
          mt={4}
        />
      </div>
      <Controller
        control={control}
        name="occurredOn"
        render={({ field, fieldState }) => (
          <DateParts
            // each precision starts its own partial typing
            key={precision}
            precision={precision}
            value={field.value}
            onChange={field.onChange}
            onBlur={field.onBlur}
            inputRef={field.ref}
            error={fieldState.error?.message}
          />
        )}
      />
    </Stack>
  );
}
