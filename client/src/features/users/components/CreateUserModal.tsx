import { zodResolver } from '@hookform/resolvers/zod';
import { Alert, Button, Group, Modal, MultiSelect, Select, Stack, TextInput } from '@mantine/core';
import { roles } from '@vigil/shared/enums';
import { createUserInput } from '@vigil/shared/schemas/users';
import { useState } from 'react';
import { Controller, useForm, useWatch } from 'react-hook-form';
import type { z } from 'zod';
import { roleLabel } from '../../../lib/format.ts';
import { applyServerErrors } from '../../../lib/forms.ts';
import { useCreateUser } from '../api/create-user.ts';
import { useUsersText } from '../i18n/index.ts';
import { assignableCountries } from '../utils/countries.ts';
import { generatePassword } from '../utils/password.ts';
import { PasswordHandOver, type Created } from './PasswordHandOver.tsx';

type FormInput = z.input<typeof createUserInput>;
type FormOutput = z.output<typeof createUserInput>;

function CreateUserForm({
  onCreated,
  onCancel,
}: {
  onCreated: (created: Created) => void;
  onCancel: () => void;
}) {
  const { t } = useUsersText();
  const create = useCreateUser();
  const [password] = useState(generatePassword);
  const {
    register,
    control,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<FormInput, unknown, FormOutput>({
    resolver: zodResolver(createUserInput),
    // made here, never typed or seen until the account exists
    defaultValues: { email: '', role: 'RESEARCHER', countries: [], password },
  });
  const role = useWatch({ control, name: 'role' });

  const onSubmit = handleSubmit(async (values) => {
    try {
      const user = await create.mutateAsync(values);
      onCreated({ name: user.name, password: values.password });
    } catch (error) {
      applyServerErrors(error, setError);
    }
  });

  return (
    <form onSubmit={onSubmit} noValidate>
      <Stack>
        {create.error && (
          <Alert color="red" role="alert">
            {t('form.failed', { message: create.error.message })}
          </Alert>
        )}
        <TextInput
          label={t('form.email')}
          description={t('form.emailHint')}
          type="email"
          autoComplete="off"
          required
          error={errors.email?.message}
          data-autofocus
          {...register('email')}
        />
        <TextInput
          label={t('form.name')}
          description={t('form.nameHint')}
          autoComplete="off"
          error={errors.name?.message}
          {...register('name', { setValueAs: (value: string) => value.trim() || undefined })}
        />
        <Controller
          control={control}
          name="role"
          render={({ field, fieldState }) => (
            <Select
              label={t('form.role')}
              description={role ? t(`form.roleHints.${role}`) : undefined}
              data={roles.map((value) => ({ value, label: roleLabel(value) }))}
              value={field.value}
              onChange={(value) => field.onChange(value ?? undefined)}
              onBlur={field.onBlur}
              allowDeselect={false}
              required
              error={fieldState.error?.message}
            />
          )}
        />
        <Controller
          control={control}
          name="countries"
          render={({ field, fieldState }) => (
            <MultiSelect
              label={t('form.countries')}
              description={t('form.countriesHint')}
              placeholder={field.value?.length ? undefined : t('form.countriesPlaceholder')}
              data={assignableCountries()}
              value={field.value ?? []}
              onChange={field.onChange}
              onBlur={field.onBlur}
              searchable
              clearable
              error={fieldState.error?.message}
            />
          )}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            {t('form.cancel')}
          </Button>
          <Button type="submit" loading={isSubmitting}>
            {t('form.create')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

// Creating an account ends on its one-time password, shown once; closing the dialog forgets it.
export function CreateUserModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useUsersText();
  const [created, setCreated] = useState<Created | null>(null);
  const close = () => {
    setCreated(null);
    onClose();
  };
  return (
    <Modal
      opened={opened}
      onClose={close}
      title={created ? t('password.title', { name: created.name }) : t('form.createTitle')}
      size="lg"
      // the password must not vanish on a stray click beside the dialog
      closeOnClickOutside={!created}
      closeButtonProps={{ 'aria-label': t('form.close') }}
    >
      {created ? (
        <PasswordHandOver created={created} onDone={close} />
      ) : (
        opened && <CreateUserForm onCreated={setCreated} onCancel={close} />
      )}
    </Modal>
  );
}
