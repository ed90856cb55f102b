import { Group, Text, Timeline } from '@mantine/core';
import type { datePrecisions } from '@vigil/shared/enums';
import type { ReactNode } from 'react';
import { PrecisionDate } from './RecordBadges.tsx';

export interface TimelineEntry {
  key: string;
  // ISO date (or timestamp) the entry sits at
  date: string;
  precision?: (typeof datePrecisions)[number];
  // what kind of entry it is, in words ("Incident", "Charge")
  kind: string;
  // a decorative icon for the bullet
  icon: ReactNode;
  title: ReactNode;
  children?: ReactNode;
}

// A record's history as a vertical timeline, newest first: each entry with its date (at its
// precision), its kind in words and its title, then any details.
export function RecordTimeline({ entries, label }: { entries: TimelineEntry[]; label: string }) {
  const sorted = [...entries].sort((a, b) => b.date.localeCompare(a.date));
  return (
    <Timeline bulletSize={26} lineWidth={2} role="list" aria-label={label}>
      {sorted.map((entry) => (
        <Timeline.Item
          key={entry.key}
          role="listitem"
          bullet={entry.icon}
          title={
            <Group gap="xs" wrap="wrap" component="span">
              <Text span size="sm" c="dimmed">
                <PrecisionDate date={entry.date.slice(0, 10)} precision={entry.precision} />
              </Text>
              <Text span size="xs" c="dimmed" tt="uppercase" fw={600}>
                {entry.kind}
              </Text>
            </Group>
          }
        >
          <div style={{ minWidth: 0, overflowWrap: 'anywhere' }}>{entry.title}</div>
          {entry.children}
        </Timeline.Item>
      ))}
    </Timeline>
  );
}
