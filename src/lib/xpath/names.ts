import { FUNCTIONS } from './functions.js';

/** Names of the built-in functions, as written in expressions (`jr:choice-name` with its prefix), sorted. */
export const BUILTIN_FUNCTION_NAMES: readonly string[] = [...FUNCTIONS.keys()].sort();
