export { assertNotCommon } from './common-passwords.ts';
export { hashPassword } from './passwords.ts';
export { endSessionsOf } from './sessions.ts';
