export { incidentFiltersWhere, loadIncident } from './incidents.service.ts';
