import { Anchor, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { IconArrowRight } from '@tabler/icons-react';
import { useId, type ReactNode } from 'react';
import { Link } from 'react-router';

interface HomeBlockProps {
  title: string;
  description?: string;
  // where the whole list lives ("Open the review queue")
  more?: { to: string; label: string } | undefined;
  children: ReactNode;
}

// One block of the home page: a titled region with its list and a way to the full list.
export function HomeBlock({ title, description, more, children }: HomeBlockProps) {
  const titleId = useId();
  return (
    <Paper component="section" aria-labelledby={titleId} miw={0}>
      <Stack gap="sm">
        <Stack gap={2}>
          <Title order={2} id={titleId}>
            {title}
          </Title>
          {description && (
            <Text size="sm" c="dimmed">
              {description}
            </Text>
          )}
        </Stack>
        {children}
        {more && (
          <Group justify="flex-end">
            <Anchor component={Link} to={more.to} size="sm">
              <Group gap={4} wrap="nowrap" component="span">
                {more.label}
                <IconArrowRight size={14} aria-hidden />
              </Group>
            </Anchor>
          </Group>
        )}
      </Stack>
    </Paper>
  );
}
