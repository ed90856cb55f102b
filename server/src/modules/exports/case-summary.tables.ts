import type { CaseIncident } from '@vigil/shared/schemas/exports';
import { cleanCopyHashLabel, datePrecisionLabels, formatDate } from './labels.ts';

// The two tables of the spreadsheet exports (CSV, XLSX): one row per incident, and one row per
// act. Cells are text, labels never codes; lists inside a cell go one item a line.
interface Column<Row> {
  header: string;
  width: number;
  value: (row: Row) => string;
}

const distinct = (values: string[]) => [...new Set(values)];
const lines = (values: string[]) => values.join('\n');
const either = (...parts: (string | undefined)[]) => parts.filter(Boolean).join('; ');

function chargeText(charge: CaseIncident['charges'][number]) {
  const history = charge.history.map((step) => `${step.status} ${formatDate(step.at)}`);
  const details = either(
    charge.filedOn && `filed ${charge.filedOn}`,
    charge.sentence && `sentence: ${charge.sentence}`,
    history.length > 0 ? `recorded: ${history.join(', ')}` : undefined,
  );
  return `${charge.defenderName}: ${charge.law}, ${charge.status}${details ? ` (${details})` : ''}`;
}

function advocacyText(action: CaseIncident['advocacy'][number]) {
  return `${action.kind}: ${action.title} (${either(action.date, action.venue, action.status)})`;
}

const incidentColumns: Column<CaseIncident>[] = [
  { header: 'Reference', width: 16, value: (incident) => incident.reference },
  { header: 'Title', width: 40, value: (incident) => incident.title },
  { header: 'Date', width: 14, value: (incident) => incident.date },
  {
    header: 'Date precision',
    width: 14,
    value: (incident) => datePrecisionLabels[incident.datePrecision],
  },
  { header: 'Country', width: 16, value: (incident) => incident.countryName },
  { header: 'Location', width: 20, value: (incident) => incident.location ?? '' },
  { header: 'Status', width: 12, value: (incident) => incident.status },
  { header: 'Verification', width: 14, value: (incident) => incident.verification },
  {
    header: 'Violations',
    width: 30,
    value: (incident) => lines(distinct(incident.acts.map((act) => act.violation))),
  },
  {
    header: 'Perpetrators',
    width: 24,
    value: (incident) => lines(distinct(incident.acts.flatMap((act) => act.perpetrators))),
  },
  {
    header: 'Defenders',
    width: 30,
    value: (incident) => lines(distinct(incident.acts.map((act) => act.defenderName))),
  },
  { header: 'Summary', width: 60, value: (incident) => incident.summary },
  { header: 'Charges', width: 50, value: (incident) => lines(incident.charges.map(chargeText)) },
  {
    header: 'Sources',
    width: 30,
    value: (incident) =>
      lines(incident.sources.map((source) => `${source.kind} (${source.reliability})`)),
  },
  {
    header: 'Advocacy',
    width: 40,
    value: (incident) => lines(incident.advocacy.map(advocacyText)),
  },
];

interface ActRow {
  incident: CaseIncident;
  act: CaseIncident['acts'][number];
}

const actColumns: Column<ActRow>[] = [
  { header: 'Reference', width: 16, value: ({ incident }) => incident.reference },
  { header: 'Defender', width: 30, value: ({ act }) => act.defenderName },
  { header: 'Violation', width: 30, value: ({ act }) => act.violation },
  { header: 'Perpetrators', width: 30, value: ({ act }) => lines(act.perpetrators) },
  { header: 'Victim status', width: 24, value: ({ act }) => act.victimStatus ?? '' },
  { header: 'Notes', width: 60, value: ({ act }) => act.notes ?? '' },
];

interface AttachmentRow {
  incident: CaseIncident;
  attachment: CaseIncident['attachments'][number];
}

const attachmentColumns: Column<AttachmentRow>[] = [
  { header: 'Reference', width: 16, value: ({ incident }) => incident.reference },
  { header: 'Name', width: 40, value: ({ attachment }) => attachment.name },
  { header: 'Type', width: 24, value: ({ attachment }) => attachment.mediaType },
  { header: cleanCopyHashLabel, width: 70, value: ({ attachment }) => attachment.sha256 },
];

export interface Table {
  // the sheet's name in a workbook
  name: string;
  columns: { header: string; width: number }[];
  rowsOf: (incidents: CaseIncident[]) => string[][];
}

function tableOf<Row>(
  name: string,
  columns: Column<Row>[],
  rowsOf: (incidents: CaseIncident[]) => Row[],
): Table {
  return {
    name,
    columns: columns.map(({ header, width }) => ({ header, width })),
    rowsOf: (incidents) =>
      rowsOf(incidents).map((row) => columns.map((column) => column.value(row))),
  };
}

export const caseSummaryTables = {
  incidents: tableOf('Incidents', incidentColumns, (incidents) => incidents),
  acts: tableOf('Acts', actColumns, (incidents) =>
    incidents.flatMap((incident) => incident.acts.map((act) => ({ incident, act }))),
  ),
  attachments: tableOf('Attachments', attachmentColumns, (incidents) =>
    incidents.flatMap((incident) =>
      incident.attachments.map((attachment) => ({ incident, attachment })),
    ),
  ),
};
export type CaseSummaryTable = keyof typeof caseSummaryTables;
