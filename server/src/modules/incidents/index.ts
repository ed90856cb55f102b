export { incidentFiltersWhere, loadIncident, readableIncidents } from './incidents.service.ts';
