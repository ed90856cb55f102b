export {
  assertReadableDefenders,
  readableDefenders,
  type DefenderUse,
} from './defenders.readable.ts';
