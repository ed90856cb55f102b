import type { Role } from '@vigil/shared/enums';
import type {
  SessionUser,
  TwoFactorConfirmInput,
  TwoFactorEnableInput,
  TwoFactorSetupInput,
} from '@vigil/shared/schemas/auth';
import type { Db } from '../../db/prisma.ts';
import { AppError, validationError } from '../../http/app-error.ts';
import { recordAudit } from '../audit/index.ts';
import { confirmPassword } from './auth.service.ts';
import type { LoginLimiter } from './login-limiter.ts';
import { endSessionsOf, type Meta } from './sessions.ts';
import {
  acceptedStep,
  newTotpSecret,
  passesSecondFactor,
  replaceRecoveryCodes,
  secondFactorOf,
  totpSecretPlace,
  voidRecoveryCodes,
  type SecondFactorKit,
} from './two-factor.ts';

// What every two-factor change knows of the caller: who, which session (the one that stays when
// the others end), from where.
export interface TwoFactorCaller {
  user: SessionUser;
  sessionId: string;
  meta: Meta;
}

const stateOf = (db: Db, userId: string) =>
  db.user.findUniqueOrThrow({
    where: { id: userId },
    select: { id: true, totpSecret: true, totpEnabledAt: true, totpLastStep: true },
  });

const alreadyOn = () =>
  new AppError(
    'CONFLICT',
    'Two-factor sign-in is already on; turn it off first to set it up again',
  );
const notOn = () => new AppError('CONFLICT', 'Two-factor sign-in is not on');

const wrongCode = (message: string) =>
  validationError([{ path: 'body.code', code: 'wrong_code', message }]);

const changed = (caller: TwoFactorCaller, what: Record<string, string>) => ({
  action: 'UPDATE' as const,
  actorId: caller.user.id,
  entity: 'User',
  entityId: caller.user.id,
  changes: what,
  ip: caller.meta.ip ?? null,
});

// A new secret, kept sealed and pending until a code from the app proves it was stored there; a
// set-up started earlier and not finished is replaced.
export async function setUpTwoFactor(
  db: Db,
  limiter: LoginLimiter,
  kit: SecondFactorKit,
  caller: TwoFactorCaller,
  input: TwoFactorSetupInput,
) {
  const { user, meta } = caller;
  const attempt = await confirmPassword(db, limiter, user, input.password, 'password', meta);
  await attempt.succeeded();
  if ((await stateOf(db, user.id)).totpEnabledAt) throw alreadyOn();
  const { secret, uriFor } = newTotpSecret();
  // only while it is still pending: a set-up racing another's enabling loses
  const { count } = await db.user.updateMany({
    where: { id: user.id, totpEnabledAt: null },
    data: { totpSecret: kit.cipher.seal(secret, totpSecretPlace(user.id)), totpLastStep: null },
  });
  if (count === 0) throw alreadyOn();
  return { secret, otpauthUri: uriFor(user.email) };
}

// The first code from the app turns two-factor sign-in on and gives the recovery codes, shown
// this once. Every other session of the user ends: they were opened with the password alone.
export async function enableTwoFactor(
  db: Db,
  kit: SecondFactorKit,
  caller: TwoFactorCaller,
  input: TwoFactorEnableInput,
) {
  const { user } = caller;
  const state = await stateOf(db, user.id);
  if (state.totpEnabledAt) throw alreadyOn();
  if (!state.totpSecret) {
    throw new AppError('CONFLICT', 'Start the set-up first: no secret is waiting for a code');
  }
  const secret = kit.cipher.open(state.totpSecret, totpSecretPlace(user.id));
  const step = await acceptedStep(secret, input.code, kit.clock(), null);
  if (step === undefined) {
    throw wrongCode('This code is not right: check the time on your phone and try the next one');
  }
  const now = new Date(kit.clock());
  return db.$transaction(async (tx) => {
    const { count } = await tx.user.updateMany({
      where: { id: user.id, totpEnabledAt: null, totpSecret: state.totpSecret },
      // the code used here cannot sign in again
      data: { totpEnabledAt: now, totpLastStep: step },
    });
    if (count === 0) throw alreadyOn();
    const recoveryCodes = await replaceRecoveryCodes(tx, user.id, now);
    await endSessionsOf(tx, user.id, caller.sessionId);
    await recordAudit(tx, changed(caller, { twoFactor: 'enabled' }));
    return { recoveryCodes };
  });
}

// The password and a second factor (a code from the app or a recovery code) of an account with
// two-factor sign-in on. Guesses at either spend the sign-in limiter's attempts, and a wrong
// code is recorded as a failed sign-in.
async function confirmBothFactors(
  db: Db,
  limiter: LoginLimiter,
  kit: SecondFactorKit,
  caller: TwoFactorCaller,
  input: TwoFactorConfirmInput,
) {
  const { user, meta } = caller;
  if (!(await stateOf(db, user.id)).totpEnabledAt) throw notOn();
  const attempt = await confirmPassword(db, limiter, user, input.password, 'password', meta);
  // read after the password's check, so that the last accepted time step is the latest
  const state = await stateOf(db, user.id);
  if (!(await passesSecondFactor(db, kit, state, secondFactorOf(input.code), meta))) {
    throw wrongCode('This code is not right, or it has been used already');
  }
  await attempt.succeeded();
}

// Refused when the caller's role must use it. Every other session of the user ends, and the
// recovery codes become void.
export async function disableTwoFactor(
  db: Db,
  limiter: LoginLimiter,
  kit: SecondFactorKit,
  caller: TwoFactorCaller,
  input: TwoFactorConfirmInput,
  requiredRoles: readonly Role[],
) {
  if (requiredRoles.includes(caller.user.role)) {
    throw new AppError('FORBIDDEN', 'Your role must sign in with two-factor sign-in', {
      twoFactorRequired: true,
    });
  }
  await confirmBothFactors(db, limiter, kit, caller, input);
  const now = new Date(kit.clock());
  await db.$transaction(async (tx) => {
    await tx.user.update({
      where: { id: caller.user.id },
      data: { totpSecret: null, totpEnabledAt: null, totpLastStep: null },
      select: { id: true },
    });
    await voidRecoveryCodes(tx, caller.user.id, now);
    await endSessionsOf(tx, caller.user.id, caller.sessionId);
    await recordAudit(tx, changed(caller, { twoFactor: 'disabled' }));
  });
}

// A new set of ten recovery codes, every earlier one void (lost or seen by someone else). Every
// other session of the user ends too, as the codes may have been used to open one.
export async function replaceRecoveryCodesOf(
  db: Db,
  limiter: LoginLimiter,
  kit: SecondFactorKit,
  caller: TwoFactorCaller,
  input: TwoFactorConfirmInput,
) {
  await confirmBothFactors(db, limiter, kit, caller, input);
  return db.$transaction(async (tx) => {
    const recoveryCodes = await replaceRecoveryCodes(tx, caller.user.id, new Date(kit.clock()));
    await endSessionsOf(tx, caller.user.id, caller.sessionId);
    await recordAudit(tx, changed(caller, { recoveryCodes: 'replaced' }));
    return { recoveryCodes };
  });
}
