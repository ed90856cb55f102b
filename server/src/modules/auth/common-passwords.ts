import { dictionary } from '@zxcvbn-ts/language-common';
import { validationError } from '../../http/app-error.ts';

// zxcvbn-ts's list of the ~49,000 most common passwords, drawn from published breaches: shipped
// in node_modules, so no password is ever sent anywhere to be checked. Compared regardless of
// case, as a guesser would try them.
let common: Set<string> | undefined;
const commonPasswords = () =>
  (common ??= new Set(dictionary['passwords-common'].map((entry) => entry.toLowerCase())));

export const isCommonPassword = (password: string) => commonPasswords().has(password.toLowerCase());

// The server's half of the password rules (the shared schema holds the rest): VALIDATION with the
// field's path, like any schema error.
export function assertNotCommon(password: string, path: string) {
  if (isCommonPassword(password)) {
    throw validationError([
      {
        path,
        code: 'common_password',
        message: 'This password is in a list of common or breached passwords; choose another',
      },
    ]);
  }
}
