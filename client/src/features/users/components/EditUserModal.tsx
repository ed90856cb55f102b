import { zodResolver } from '@hookform/resolvers/zod';
import { Alert, Button, Group, Modal, MultiSelect, Select, Stack } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { roles } from '@vigil/shared/enums';
import { updateUserInput, userOutput, type UserOutput } from '@vigil/shared/schemas/users';
import { useState } from 'react';
import { Controller, useForm, useWatch } from 'react-hook-form';
import type { z } from 'zod';
import { isApiError } from '../../../lib/api-client.ts';
import { roleLabel } from '../../../lib/format.ts';
import { applyServerErrors } from '../../../lib/forms.ts';
import { useSessionUser } from '../../../lib/session.ts';
import { useUpdateUser } from '../api/update-user.ts';
import { useUsersText } from '../i18n/index.ts';
import { assignableCountries } from '../utils/countries.ts';

type FormInput = z.input<typeof updateUserInput>;
type FormOutput = z.output<typeof updateUserInput>;

const formValuesOf = (user: UserOutput): FormInput => ({
  version: user.version,
  role: user.role,
  countries: user.countries,
});

// The account as the server now has it, from a 409's details.
function currentOf(error: unknown): UserOutput | undefined {
  if (!isApiError(error, 'CONFLICT')) return undefined;
  const parsed = userOutput.safeParse(
    (error.details as { current?: unknown } | undefined)?.current,
  );
  return parsed.success ? parsed.data : undefined;
}

function EditUserForm({ user, onDone }: { user: UserOutput; onDone: () => void }) {
  const { t } = useUsersText();
  const me = useSessionUser();
  const update = useUpdateUser();
  const [conflict, setConflict] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const {
    control,
    handleSubmit,
    setError,
    reset,
    formState: { isSubmitting },
  } = useForm<FormInput, unknown, FormOutput>({
    resolver: zodResolver(updateUserInput),
    defaultValues: formValuesOf(user),
  });
  const role = useWatch({ control, name: 'role' });
  const own = user.id === me.id;

  const onSubmit = handleSubmit(async (values) => {
    setConflict(false);
    setFailure(null);
    try {
      const saved = await update.mutateAsync({ id: user.id, ...values });
      notifications.show({
        closeButtonProps: { 'aria-label': t('form.close') },
        color: 'green',
        message: t('form.saved', { name: saved.name }),
      });
      onDone();
    } catch (error) {
      const current = currentOf(error);
      if (current) {
        reset(formValuesOf(current));
        setConflict(true);
      } else if (!applyServerErrors(error, setError)) {
        setFailure(error instanceof Error ? error.message : String(error));
      }
    }
  });

  return (
    <form onSubmit={onSubmit} noValidate>
      <Stack>
        {conflict && (
          <Alert color="orange" role="alert">
            {t('form.conflict')}
          </Alert>
        )}
        {failure && (
          <Alert color="red" role="alert">
            {t('form.failed', { message: failure })}
          </Alert>
        )}
        <Controller
          control={control}
          name="role"
          render={({ field, fieldState }) => (
            <Select
              label={t('form.role')}
              description={own ? t('form.ownRole') : role ? t(`form.roleHints.${role}`) : undefined}
              data={roles.map((value) => ({ value, label: roleLabel(value) }))}
              value={field.value ?? null}
              onChange={(value) => field.onChange(value ?? undefined)}
              onBlur={field.onBlur}
              allowDeselect={false}
              disabled={own}
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
              data-autofocus
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

export function EditUserModal({ user, onClose }: { user: UserOutput | null; onClose: () => void }) {
  const { t } = useUsersText();
  return (
    <Modal
      opened={user !== null}
      onClose={onClose}
      title={user ? t('form.editTitle', { name: user.name }) : ''}
      size="lg"
      closeButtonProps={{ 'aria-label': t('form.close') }}
    >
      {user && <EditUserForm key={`${user.id}:${user.version}`} user={user} onDone={onClose} />}
    </Modal>
  );
}
