import { Anchor } from '@mantine/core';
import { Link } from 'react-router';

export function AdvocacyTitle({ id, title }: { id: string; title: string }) {
  return (
    <Anchor component={Link} to={`/advocacy/${id}`} fw={600} style={{ overflowWrap: 'anywhere' }}>
      {title}
    </Anchor>
  );
}
