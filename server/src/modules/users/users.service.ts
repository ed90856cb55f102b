import { ForbiddenError } from '@casl/ability';
import { accessibleBy } from '@vigil/shared/auth/casl-prisma';
import type {
  ResetPasswordInput,
  UpdateUserInput,
  UserList,
  UserListQuery,
  UserOutput,
} from '@vigil/shared/schemas/users';
import { escapeLike } from '../../db/escape-like.ts';
import type { Prisma } from '../../../../prisma/generated/client.ts';
import { AppError, notFound } from '../../http/app-error.ts';
import { conflict } from '../../http/conflict.ts';
import { pageQuery, parseSort, toPage } from '../../http/pagination.ts';
import type { Ctx } from '../../http/request-context.ts';
import { asSubject } from '../../http/subject.ts';
import { auditorOf, changesOf, recordAudit } from '../audit/index.ts';
import { assertNotCommon, endSessionsOf, hashPassword } from '../auth/index.ts';
import { createUserAccount, type CreateUserAccountInput } from './create-user.ts';
import { auditedFieldsOf, toUserOutput, userSelect, type UserRow } from './users.select.ts';

const entity = 'User';
const audit = auditorOf(entity);
const newestFirst = parseSort('-createdAt');

function filtersOf(query: UserListQuery): Prisma.UserWhereInput[] {
  const words = query.q?.split(/\s+/).filter(Boolean) ?? [];
  return [
    ...words.map((word) => {
      const contains = { contains: escapeLike(word), mode: 'insensitive' as const };
      return { OR: [{ name: contains }, { email: contains }] };
    }),
    ...(query.role ? [{ role: { in: query.role } }] : []),
    ...(query.active === undefined ? [] : [{ active: query.active }]),
  ];
}

// Accounts are for admins only: everyone else is refused outright (403) instead of being
// shown an empty directory.
async function findUser(ctx: Ctx, id: string): Promise<UserRow> {
  ForbiddenError.from(ctx.ability).throwUnlessCan('read', entity);
  const row = await ctx.db.user.findFirst({
    where: { AND: [accessibleBy(ctx.ability, 'read').ofType(entity), { id }] },
    select: userSelect,
  });
  if (!row) throw notFound(entity);
  return row;
}

export async function listUsers(ctx: Ctx, query: UserListQuery): Promise<UserList> {
  ForbiddenError.from(ctx.ability).throwUnlessCan('read', entity);
  const page = pageQuery(newestFirst, query.limit, query.cursor);
  const rows = await ctx.db.user.findMany({
    where: {
      AND: [accessibleBy(ctx.ability, 'read').ofType(entity), ...filtersOf(query), page.where],
    },
    orderBy: page.orderBy,
    take: page.take,
    select: userSelect,
  });
  const { items, nextCursor } = toPage(rows, query.limit, newestFirst);
  return { items: items.map(toUserOutput), nextCursor };
}

export async function getUser(ctx: Ctx, id: string): Promise<UserOutput> {
  return toUserOutput(await findUser(ctx, id));
}

// The same account creation as the command line's: argon2id hash, unique email, audited.
export async function createUser(
  ctx: Ctx,
  input: CreateUserAccountInput,
  { production }: { production: boolean },
): Promise<UserOutput> {
  ForbiddenError.from(ctx.ability).throwUnlessCan('create', entity);
  const { id } = await createUserAccount(ctx.db, input, {
    production,
    actorId: ctx.user.id,
    ip: ctx.ip ?? null,
  });
  return getUser(ctx, id);
}

const ownAccount = (path: string, message: string) => ({ path, code: 'own_account', message });
const ownActivity = 'You cannot deactivate your own account; ask another admin';
const ownRole = 'You cannot change your own role; ask another admin';
const ownPassword = 'Change your own password from your account, with your current one';

// An admin who could lock themselves out could leave the install without any admin, so their
// own role and activity are changed by another admin.
function assertNotLockingOut(ctx: Ctx, before: UserRow, changes: Omit<UpdateUserInput, 'version'>) {
  if (before.id !== ctx.user.id) return;
  const problems = [
    ...(changes.active === false ? [ownAccount('body.active', ownActivity)] : []),
    ...(changes.role !== undefined && changes.role !== before.role
      ? [ownAccount('body.role', ownRole)]
      : []),
  ];
  if (problems.length > 0) throw new AppError('VALIDATION', problems[0]!.message, problems);
}

async function saveUser(
  ctx: Ctx,
  before: UserRow,
  changes: Omit<UpdateUserInput, 'version'>,
  version: number,
): Promise<UserOutput> {
  const rules = ForbiddenError.from(ctx.ability);
  rules.throwUnlessCan('update', asSubject(entity, before));
  rules.throwUnlessCan('update', asSubject(entity, { ...before, ...changes }));
  assertNotLockingOut(ctx, before, changes);
  if (before.version !== version) throw conflict(toUserOutput(before));

  const updated = await ctx.db.$transaction(async (tx) => {
    // the version in the WHERE makes the second of two concurrent saves match nothing
    const { count } = await tx.user.updateMany({
      where: { id: before.id, version },
      data: { ...changes, version: { increment: 1 } },
    });
    if (count === 0) return null;
    // a deactivated account is signed out everywhere at once, not at its next request
    if (changes.active === false) await endSessionsOf(tx, before.id);
    const after = await tx.user.findUniqueOrThrow({
      where: { id: before.id },
      select: userSelect,
    });
    await recordAudit(
      tx,
      audit(ctx, 'UPDATE', before, changesOf(auditedFieldsOf(before), auditedFieldsOf(after))),
    );
    return after;
  });
  if (!updated) throw conflict(await getUser(ctx, before.id));
  return toUserOutput(updated);
}

export async function updateUser(
  ctx: Ctx,
  id: string,
  { version, ...changes }: UpdateUserInput,
): Promise<UserOutput> {
  ForbiddenError.from(ctx.ability).throwUnlessCan('update', entity);
  return saveUser(ctx, await findUser(ctx, id), changes, version);
}

// DELETE never removes an account (its history points at it); it deactivates it.
export async function deactivateUser(ctx: Ctx, id: string): Promise<void> {
  ForbiddenError.from(ctx.ability).throwUnlessCan('update', entity);
  const before = await findUser(ctx, id);
  if (before.id === ctx.user.id) {
    throw new AppError('VALIDATION', ownActivity, [ownAccount('params.id', ownActivity)]);
  }
  if (!before.active) return;
  await saveUser(ctx, before, { active: false }, before.version);
}

// An admin's reset: a new one-time password (made in their browser and shown once there), and
// every session of the user ends. Not for the admin's own account, which proves itself with
// its current password instead (POST /api/auth/password).
export async function resetPassword(
  ctx: Ctx,
  id: string,
  { password }: ResetPasswordInput,
): Promise<void> {
  ForbiddenError.from(ctx.ability).throwUnlessCan('update', entity);
  const before = await findUser(ctx, id);
  ForbiddenError.from(ctx.ability).throwUnlessCan('update', asSubject(entity, before));
  if (before.id === ctx.user.id) {
    throw new AppError('VALIDATION', ownPassword, [ownAccount('params.id', ownPassword)]);
  }
  assertNotCommon(password, 'body.password');
  const passwordHash = await hashPassword(password);
  await ctx.db.$transaction(async (tx) => {
    await tx.user.update({
      where: { id: before.id },
      data: { passwordHash },
      select: { id: true },
    });
    await endSessionsOf(tx, before.id);
    await recordAudit(tx, audit(ctx, 'UPDATE', before, { password: 'reset' }));
  });
}
