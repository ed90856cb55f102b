import { Anchor, Button, Group, Paper, Stack, Switch, Table, Text, Title } from '@mantine/core';
import { IconDownload } from '@tabler/icons-react';
import { useId, useState, type ReactNode } from 'react';
import { Link } from 'react-router';
import { formatNumber } from '../../../lib/format.ts';
import { useStatsText } from '../i18n/index.ts';
import type { CsvColumn } from '../utils/csv.ts';
import classes from './dashboard.module.css';

export interface ChartColumn extends CsvColumn {
  // words rather than a number (left-aligned)
  text?: boolean;
  // how the number shows on screen; the CSV keeps the plain number
  format?: (value: number) => string;
}

export interface ChartRow {
  id: string;
  values: Record<string, string | number>;
  // the incident list filtered to this row, when the list has such a filter
  to?: string | undefined;
}

interface ChartCardProps {
  title: string;
  description?: ReactNode;
  // the first column names the row
  columns: ChartColumn[];
  rows: ChartRow[];
  // the CSV's file name, without extension
  filename: string;
  children: ReactNode;
}

// One chart of the dashboard, with its numbers as an accessible table behind a toggle (always
// printed) and as a CSV download.
export function ChartCard({
  title,
  description,
  columns,
  rows,
  filename,
  children,
}: ChartCardProps) {
  const { t } = useStatsText();
  const titleId = useId();
  const [showTable, setShowTable] = useState(false);
  const [labelColumn, ...numberColumns] = columns;
  // the CSV writer loads on the first download, outside the dashboard's first load
  const download = async () => {
    const { chartCsv, downloadCsv } = await import('../utils/csv.ts');
    downloadCsv(
      `${filename}.csv`,
      chartCsv(
        columns,
        rows.map((row) => row.values),
      ),
    );
  };

  return (
    <Paper component="section" aria-labelledby={titleId} miw={0} className={classes.card}>
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start" gap="xs">
          <Stack gap={2} miw={0} flex="1 1 16rem">
            <Title order={2} id={titleId}>
              {title}
            </Title>
            {description && (
              <Text size="sm" c="dimmed" component="div">
                {description}
              </Text>
            )}
          </Stack>
          <Group gap="sm" className={classes.noPrint}>
            <Switch
              label={t('chart.showTable')}
              checked={showTable}
              onChange={(event) => setShowTable(event.currentTarget.checked)}
            />
            <Button
              variant="default"
              size="xs"
              leftSection={<IconDownload size={14} aria-hidden />}
              onClick={() => void download()}
              aria-label={`${t('chart.downloadCsv')}: ${title}`}
            >
              {t('chart.downloadCsv')}
            </Button>
          </Group>
        </Group>
        {children}
        <div className={showTable ? undefined : classes.screenHidden}>
          {/* scrolls sideways on a phone: focusable so that a keyboard can scroll it too */}
          <Table.ScrollContainer
            minWidth={numberColumns.length > 2 ? 480 : 0}
            type="native"
            tabIndex={0}
            role="region"
            aria-label={t('chart.tableOf', { title })}
          >
            <Table striped verticalSpacing={4}>
              <Table.Caption>{t('chart.tableOf', { title })}</Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  {columns.map((column, index) => (
                    <Table.Th
                      key={column.key}
                      scope="col"
                      ta={index === 0 || column.text ? undefined : 'right'}
                    >
                      {column.label}
                    </Table.Th>
                  ))}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rows.map((row) => {
                  const name = String(row.values[labelColumn?.key ?? ''] ?? '');
                  return (
                    <Table.Tr key={row.id}>
                      <Table.Th scope="row" fw={500}>
                        {row.to ? (
                          <Anchor component={Link} to={row.to} size="sm">
                            {name}
                          </Anchor>
                        ) : (
                          name
                        )}
                      </Table.Th>
                      {numberColumns.map((column) => {
                        const value = row.values[column.key];
                        return (
                          <Table.Td key={column.key} ta={column.text ? undefined : 'right'}>
                            {typeof value === 'number'
                              ? (column.format ?? formatNumber)(value)
                              : (value ?? '')}
                          </Table.Td>
                        );
                      })}
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </div>
      </Stack>
    </Paper>
  );
}
