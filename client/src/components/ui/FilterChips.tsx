import { Button, Group, Pill } from '@mantine/core';
import { useCommonText } from '../../lib/i18n.ts';

export interface FilterChip {
  key: string;
  // what the chip says, e.g. "Country: Cambodia (KH)"
  label: string;
  onRemove: () => void;
}

// The filters in force above a list, each a chip that can be removed, and a way to clear
// them all (UI.md, "Lists").
export function FilterChips({ chips, onClear }: { chips: FilterChip[]; onClear: () => void }) {
  const { t } = useCommonText();
  if (chips.length === 0) return null;
  return (
    <Group gap="xs" wrap="wrap" align="center">
      <Pill.Group>
        {chips.map((chip) => (
          <Pill
            key={chip.key}
            size="md"
            withRemoveButton
            onRemove={chip.onRemove}
            // the remove button is keyboard-reachable and named, unlike Pill's default
            removeButtonProps={{
              tabIndex: 0,
              'aria-hidden': false,
              'aria-label': t('actions.removeFilter', { name: chip.label }),
            }}
          >
            {chip.label}
          </Pill>
        ))}
      </Pill.Group>
      <Button variant="subtle" size="compact-sm" onClick={onClear}>
        {t('actions.clearFilters')}
      </Button>
    </Group>
  );
}
