import {
  Button,
  Card,
  Checkbox,
  Group,
  Menu,
  ScrollArea,
  SimpleGrid,
  Stack,
  Table,
  Text,
  UnstyledButton,
} from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { IconArrowDown, IconArrowUp, IconColumns, IconSelector } from '@tabler/icons-react';
import {
  flexRender,
  getCoreRowModel,
  useReactTable,
  type ColumnDef,
  type VisibilityState,
} from '@tanstack/react-table';
import { useState, type ReactNode } from 'react';
import { useCommonText } from '../../lib/i18n.ts';

export type SortDirection = 'asc' | 'desc';

interface DataTableProps<T> {
  data: T[];
  // each column's `header` is a string: it labels the column, the column chooser and the
  // phone cards
  columns: ColumnDef<T, unknown>[];
  getRowId: (row: T) => string;
  caption: string;
  // columns that start hidden; the user may show them from the column chooser
  initiallyHidden?: string[];
  // server-side sort: the column ids that can be sorted and the current one
  sort?: { column: string; direction: SortDirection } | undefined;
  sortable?: string[];
  onSort?: (column: string, direction: SortDirection) => void;
  // "Load more"
  hasMore?: boolean;
  loadingMore?: boolean;
  onLoadMore?: () => void;
  // the primary text of a phone card (usually a link to the record)
  cardTitle?: (row: T) => ReactNode;
  // columns left out of the phone cards, such as the one the card title already shows
  cardHidden?: string[];
}

const headerText = <T,>(column: ColumnDef<T, unknown>) =>
  typeof column.header === 'string' ? column.header : (column.id ?? '');

// A list over TanStack Table: a table with a sticky header on desktop, cards on the phone, a
// column chooser, server-side sorting and "Load more" (UI.md, "Lists").
export function DataTable<T>({
  data,
  columns,
  getRowId,
  caption,
  initiallyHidden = [],
  sort,
  sortable = [],
  onSort,
  hasMore,
  loadingMore,
  onLoadMore,
  cardTitle,
  cardHidden = [],
}: DataTableProps<T>) {
  const { t } = useCommonText();
  const phone = useMediaQuery('(max-width: 48em)');
  const [columnVisibility, setColumnVisibility] = useState<VisibilityState>(() =>
    Object.fromEntries(initiallyHidden.map((id) => [id, false])),
  );
  // eslint-disable-next-line react-hooks/incompatible-library -- the app is not compiled by the React Compiler
  const table = useReactTable({
    data,
    columns,
    getRowId,
    state: { columnVisibility },
    onColumnVisibilityChange: setColumnVisibility,
    getCoreRowModel: getCoreRowModel(),
    manualSorting: true,
  });

  const chooser = (
    <Menu closeOnItemClick={false} position="bottom-end">
      <Menu.Target>
        <Button variant="default" size="xs" leftSection={<IconColumns size={16} aria-hidden />}>
          {t('actions.columns')}
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        {table.getAllLeafColumns().map((column) => (
          <Menu.Item key={column.id} component="div">
            <Checkbox
              label={headerText(column.columnDef)}
              checked={column.getIsVisible()}
              disabled={!column.getCanHide()}
              onChange={column.getToggleVisibilityHandler()}
            />
          </Menu.Item>
        ))}
      </Menu.Dropdown>
    </Menu>
  );

  const sortButton = (columnId: string, label: string) => {
    const current = sort?.column === columnId ? sort.direction : undefined;
    const next: SortDirection = current === 'desc' ? 'asc' : 'desc';
    const Icon =
      current === 'asc' ? IconArrowUp : current === 'desc' ? IconArrowDown : IconSelector;
    return (
      <UnstyledButton
        onClick={() => onSort?.(columnId, next)}
        fw={700}
        fz="sm"
        style={{ display: 'inline-flex', alignItems: 'center', gap: 4 }}
      >
        {label}
        <Icon size={14} aria-hidden />
      </UnstyledButton>
    );
  };

  const rows = table.getRowModel().rows;
  const body = phone ? (
    <SimpleGrid cols={1} spacing="xs" aria-label={caption} role="list">
      {rows.map((row) => (
        <Card key={row.id} withBorder padding="sm" role="listitem">
          {cardTitle && <div>{cardTitle(row.original)}</div>}
          <Stack gap={4} mt={cardTitle ? 'xs' : 0}>
            {row
              .getVisibleCells()
              .filter((cell) => !cardHidden.includes(cell.column.id))
              .map((cell) => (
                <Group key={cell.id} gap="xs" wrap="nowrap" align="flex-start">
                  <Text size="xs" c="dimmed" w="35%" style={{ flexShrink: 0 }}>
                    {headerText(cell.column.columnDef)}
                  </Text>
                  <div style={{ minWidth: 0, overflowWrap: 'anywhere' }}>
                    {flexRender(cell.column.columnDef.cell, cell.getContext())}
                  </div>
                </Group>
              ))}
          </Stack>
        </Card>
      ))}
    </SimpleGrid>
  ) : (
    <ScrollArea.Autosize type="auto" mah="75vh" offsetScrollbars>
      <Table striped highlightOnHover stickyHeader verticalSpacing="xs" aria-label={caption}>
        <Table.Thead>
          {table.getHeaderGroups().map((group) => (
            <Table.Tr key={group.id}>
              {group.headers.map((header) => {
                const label = headerText(header.column.columnDef);
                const current = sort?.column === header.column.id ? sort.direction : undefined;
                return (
                  <Table.Th
                    key={header.id}
                    scope="col"
                    aria-sort={
                      current === 'asc'
                        ? 'ascending'
                        : current === 'desc'
                          ? 'descending'
                          : undefined
                    }
                  >
                    {sortable.includes(header.column.id)
                      ? sortButton(header.column.id, label)
                      : label}
                  </Table.Th>
                );
              })}
            </Table.Tr>
          ))}
        </Table.Thead>
        <Table.Tbody>
          {rows.map((row) => (
            <Table.Tr key={row.id}>
              {row.getVisibleCells().map((cell) => (
                <Table.Td key={cell.id}>
                  {flexRender(cell.column.columnDef.cell, cell.getContext())}
                </Table.Td>
              ))}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </ScrollArea.Autosize>
  );

  return (
    <Stack gap="xs">
      <Group justify="flex-end">{chooser}</Group>
      {body}
      {hasMore && onLoadMore && (
        <Group justify="center">
          <Button variant="default" onClick={onLoadMore} loading={loadingMore}>
            {t('actions.loadMore')}
          </Button>
        </Group>
      )}
    </Stack>
  );
}
