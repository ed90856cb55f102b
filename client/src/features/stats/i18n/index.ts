import { defineCatalogue } from '../../../lib/i18n.ts';
import en from './en.json';

export const useStatsText = defineCatalogue('stats', en);
