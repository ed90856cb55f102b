import i18n from 'i18next';
import { initReactI18next, useTranslation } from 'react-i18next';
import common from '../app/i18n/en.json';

// English first; each feature brings its own catalogue (features/<feature>/i18n/en.json)
// inside its own code-split chunk and registers it with defineCatalogue.
void i18n.use(initReactI18next).init({
  lng: 'en',
  fallbackLng: 'en',
  defaultNS: 'common',
  ns: ['common'],
  resources: { en: { common } },
  interpolation: { escapeValue: false },
  react: { useSuspense: false },
  returnNull: false,
});

export { i18n };

// Registers a feature's catalogue under its namespace and returns that feature's hook.
export function defineCatalogue(namespace: string, en: Record<string, unknown>) {
  i18n.addResourceBundle('en', namespace, en, true, true);
  return () => useTranslation([namespace, 'common']);
}

export const useCommonText = () => useTranslation('common');
