import { Paper, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';

// One titled group of the form (UI.md, "Forms").
export function FormSection({
  id,
  title,
  description,
  children,
}: {
  id: string;
  title: string;
  description?: string;
  children: ReactNode;
}) {
  return (
    <Paper component="section" aria-labelledby={`${id}-title`} p={{ base: 'sm', sm: 'lg' }}>
      <Stack gap="md">
        <div>
          <Title order={2} id={`${id}-title`}>
            {title}
          </Title>
          {description && (
            <Text size="sm" c="dimmed" mt={4}>
              {description}
            </Text>
          )}
        </div>
        {children}
      </Stack>
    </Paper>
  );
}
