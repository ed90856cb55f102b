import { zodResolver } from '@hookform/resolvers/zod';
import {
  Alert,
  Autocomplete,
  Button,
  Group,
  Modal,
  Stack,
  Text,
  TextInput,
  Textarea,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import {
  createTermInput,
  updateTermInput,
  type VocabularyTermOutput,
} from '@vigil/shared/schemas/vocabularies';
import type { VocabularyName } from '@vigil/shared/vocabularies';
import { useState } from 'react';
import { Controller, useForm } from 'react-hook-form';
import type { z } from 'zod';
import { applyServerErrors } from '../../../lib/forms.ts';
import { useCommonText } from '../../../lib/i18n.ts';
import { useAddTerm } from '../api/add-term.ts';
import { useUpdateTerm } from '../api/update-term.ts';
import { useVocabulariesText } from '../i18n/index.ts';
import { codeFromLabel } from '../utils/codes.ts';

// Empty optional fields are left out rather than sent as "" (which the schema refuses).
const optional = (value: string | null | undefined) => value?.trim() || undefined;

interface TermFormProps {
  vocabulary: VocabularyName;
  // the groups already used in this vocabulary, offered for the group field
  groups: string[];
  onDone: () => void;
}

function AddTermForm({ vocabulary, groups, onDone }: TermFormProps) {
  const { t } = useVocabulariesText();
  const common = useCommonText();
  const add = useAddTerm();
  const [codeTouched, setCodeTouched] = useState(false);
  const {
    register,
    control,
    handleSubmit,
    setError,
    setValue,
    formState: { errors, isSubmitting },
  } = useForm<z.input<typeof createTermInput>, unknown, z.output<typeof createTermInput>>({
    resolver: zodResolver(createTermInput),
    defaultValues: { code: '', label: '' },
  });

  const onSubmit = handleSubmit(async (values) => {
    try {
      const term = await add.mutateAsync({ vocabulary, ...values });
      notifications.show({
        closeButtonProps: { 'aria-label': t('form.close') },
        color: 'green',
        message: t('form.added', {
          label: term.label,
          name: common.t(`vocabulary.names.${vocabulary}`),
        }),
      });
      onDone();
    } catch (error) {
      applyServerErrors(error, setError);
    }
  });

  const label = register('label');
  const code = register('code');
  return (
    <form onSubmit={onSubmit} noValidate>
      <Stack>
        {add.error && (
          <Alert color="red" role="alert">
            {t('form.failed', { message: add.error.message })}
          </Alert>
        )}
        <TextInput
          label={t('form.label')}
          description={t('form.labelHint')}
          required
          data-autofocus
          error={errors.label?.message}
          {...label}
          onChange={(event) => {
            void label.onChange(event);
            if (!codeTouched) setValue('code', codeFromLabel(event.currentTarget.value));
          }}
        />
        <TextInput
          label={t('form.code')}
          description={t('form.codeHint')}
          required
          ff="monospace"
          autoComplete="off"
          error={errors.code?.message}
          {...code}
          onChange={(event) => {
            setCodeTouched(true);
            void code.onChange(event);
          }}
        />
        <Textarea
          label={t('form.description')}
          description={t('form.descriptionHint')}
          autosize
          minRows={2}
          error={errors.description?.message}
          {...register('description', { setValueAs: optional })}
        />
        <Controller
          control={control}
          name="parent"
          render={({ field, fieldState }) => (
            <Autocomplete
              label={t('form.group')}
              description={t('form.groupHint')}
              data={groups}
              value={field.value ?? ''}
              onChange={(value) => field.onChange(optional(value.toUpperCase()))}
              onBlur={field.onBlur}
              ff="monospace"
              error={fieldState.error?.message}
            />
          )}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            {t('form.cancel')}
          </Button>
          <Button type="submit" loading={isSubmitting}>
            {t('form.add')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function EditTermForm({
  vocabulary,
  groups,
  term,
  onDone,
}: TermFormProps & { term: VocabularyTermOutput }) {
  const { t } = useVocabulariesText();
  const update = useUpdateTerm();
  const {
    register,
    control,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<z.input<typeof updateTermInput>, unknown, z.output<typeof updateTermInput>>({
    resolver: zodResolver(updateTermInput),
    // a cleared description or group is sent as null, which removes it
    defaultValues: {
      label: term.label,
      description: term.description ?? null,
      parent: term.parent ?? null,
    },
  });

  const onSubmit = handleSubmit(async (values) => {
    try {
      const saved = await update.mutateAsync({ vocabulary, code: term.code, ...values });
      notifications.show({
        closeButtonProps: { 'aria-label': t('form.close') },
        color: 'green',
        message: t('form.saved', { label: saved.label }),
      });
      onDone();
    } catch (error) {
      applyServerErrors(error, setError);
    }
  });

  return (
    <form onSubmit={onSubmit} noValidate>
      <Stack>
        {update.error && (
          <Alert color="red" role="alert">
            {t('form.failed', { message: update.error.message })}
          </Alert>
        )}
        <Text size="sm" c="dimmed" ff="monospace">
          {t('form.codeFixed', { code: term.code })}
        </Text>
        <TextInput
          label={t('form.label')}
          description={t('form.labelHint')}
          required
          data-autofocus
          error={errors.label?.message}
          {...register('label')}
        />
        <Textarea
          label={t('form.description')}
          description={t('form.descriptionHint')}
          autosize
          minRows={2}
          error={errors.description?.message}
          {...register('description', { setValueAs: (value: string) => optional(value) ?? null })}
        />
        <Controller
          control={control}
          name="parent"
          render={({ field, fieldState }) => (
            <Autocomplete
              label={t('form.group')}
              description={t('form.groupHint')}
              data={groups}
              value={field.value ?? ''}
              onChange={(value) => field.onChange(optional(value.toUpperCase()) ?? null)}
              onBlur={field.onBlur}
              ff="monospace"
              error={fieldState.error?.message}
            />
          )}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            {t('form.cancel')}
          </Button>
          <Button type="submit" loading={isSubmitting}>
            {t('form.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

interface TermFormModalProps {
  vocabulary: VocabularyName;
  groups: string[];
  // null: closed; 'new': adding; a term: editing it
  editing: VocabularyTermOutput | 'new' | null;
  onClose: () => void;
}

export function TermFormModal({ vocabulary, groups, editing, onClose }: TermFormModalProps) {
  const { t } = useVocabulariesText();
  const common = useCommonText();
  const title =
    editing === 'new'
      ? t('form.addTitle', { name: common.t(`vocabulary.names.${vocabulary}`) })
      : editing
        ? t('form.editTitle', { label: editing.label })
        : '';
  return (
    <Modal
      opened={editing !== null}
      onClose={onClose}
      title={title}
      size="lg"
      closeButtonProps={{ 'aria-label': t('form.close') }}
    >
      {editing === 'new' && (
        <AddTermForm vocabulary={vocabulary} groups={groups} onDone={onClose} />
      )}
      {editing && editing !== 'new' && (
        <EditTermForm
          key={editing.code}
          vocabulary={vocabulary}
          groups={groups}
          term={editing}
          onDone={onClose}
        />
      )}
    </Modal>
  );
}
