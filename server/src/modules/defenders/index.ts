export { assertReadableDefenders, type DefenderUse } from './defenders.readable.ts';
