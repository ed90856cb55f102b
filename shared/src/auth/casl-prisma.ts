// @casl/prisma's runtime entry, typed with Vigil's generated Prisma client (its README's
// wrapper for Prisma 7). Only types come from the client, so the browser bundle stays small.
import {
  accessibleBy,
  createPrismaAbility,
  type Model,
  type PrismaQueryOf,
  type WhereInputOf,
} from '@casl/prisma/runtime';
import type { Prisma } from '../../../prisma/generated/client.ts';

export { accessibleBy, createPrismaAbility };

export type PrismaModel = Model<Record<string, unknown>, string>;
export type PrismaQuery<T extends PrismaModel = PrismaModel> = PrismaQueryOf<Prisma.TypeMap, T>;
export type WhereInput<M extends Prisma.ModelName> = WhereInputOf<Prisma.TypeMap, M>;
