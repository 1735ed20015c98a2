/** Buddhist Era (พ.ศ.) = Common Era + 543. */
export const BE_OFFSET = 543;

export function toBuddhistYear(ceYear: number): number {
  return ceYear + BE_OFFSET;
}

export function toCommonYear(beYear: number): number {
  return beYear - BE_OFFSET;
}

/**
 * A year as people write it on forms: a year above 2400 is taken as BE
 * (CE years of living people never exceed 2400 and BE years of living
 * people never fall below it).
 */
export function normaliseYear(year: number): number {
  return year > 2400 ? toCommonYear(year) : year;
}
