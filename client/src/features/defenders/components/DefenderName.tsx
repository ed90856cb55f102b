import { Anchor, Text } from '@mantine/core';
import { Link } from 'react-router';

interface DefenderNameProps {
  id: string;
  displayName: string;
  aliases: readonly string[];
}

// A defender is named by display name, with aliases in a muted line, in the scripts they were
// typed in (UI.md, "Records").
export function DefenderName({ id, displayName, aliases }: DefenderNameProps) {
  return (
    <div style={{ minWidth: 0 }}>
      <Anchor
        component={Link}
        to={`/defenders/${id}`}
        fw={600}
        style={{ overflowWrap: 'anywhere' }}
      >
        {displayName}
      </Anchor>
      {aliases.length > 0 && (
        <Text size="xs" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
          {aliases.join(' · ')}
        </Text>
      )}
    </div>
  );
}
