import { Group, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';

interface PageHeaderProps {
  title: ReactNode;
  // one line that says what the page is for
  description?: ReactNode;
  // the page's actions, on the right of the title
  actions?: ReactNode;
  // the browser tab's title, when the heading is not plain text
  documentTitle?: string;
}

// Each page opens with its title, one line of purpose and its actions (UI.md, "Frame").
export function PageHeader({ title, description, actions, documentTitle }: PageHeaderProps) {
  const tabTitle = documentTitle ?? (typeof title === 'string' ? title : undefined);
  return (
    <Group justify="space-between" align="flex-start" gap="sm" mb="md">
      {tabTitle && <title>{`${tabTitle} · Vigil`}</title>}
      <Stack gap={4} miw={0} flex="1 1 18rem">
        <Title order={1} id="page-title">
          {title}
        </Title>
        {/* a div, so that a description may hold badges (record pages) */}
        {description && (
          <Text c="dimmed" component="div">
            {description}
          </Text>
        )}
      </Stack>
      {actions && (
        <Group gap="xs" wrap="wrap">
          {actions}
        </Group>
      )}
    </Group>
  );
}
