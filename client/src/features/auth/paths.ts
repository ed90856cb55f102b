// The signed-in user's own account pages (imported by the shell's session check, so kept apart
// from the components).
export const changePasswordPath = '/account/password';
export const twoFactorPath = '/account/two-factor';
