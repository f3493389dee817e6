export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 200;
export const NAME_MAX_LENGTH = 120;
export const PAGE_SIZE_DEFAULT = 50;
export const PAGE_SIZE_MAX = 200;
/** Largest value of a PostgreSQL `int` (seqs, counters): bigger numbers are refused as input. */
export const PG_INT_MAX = 2_147_483_647;
