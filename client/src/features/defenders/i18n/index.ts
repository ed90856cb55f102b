import { defineCatalogue } from '../../../lib/i18n.ts';
import en from './en.json';

export const useDefendersText = defineCatalogue('defenders', en);
