import { defineCatalogue } from '../../../lib/i18n.ts';
import en from './en.json';

export const useHomeText = defineCatalogue('home', en);
