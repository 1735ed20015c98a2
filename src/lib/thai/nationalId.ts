/**
 * Thai national ID (เลขประจำตัวประชาชน): 13 digits, the last a check digit.
 * check = (11 - (sum of digit[i] * (13 - i) for i in 0..11) mod 11) mod 10
 */

/** Removes spaces and dashes people type in IDs ("1-2345-67890-12-1"). */
export function normaliseNationalId(input: string): string {
  return input.replace(/[\s-]/g, '');
}

/** The check digit for the first 12 digits. */
export function nationalIdCheckDigit(first12: string): number {
  if (!/^[0-9]{12}$/.test(first12)) throw new Error('expected 12 digits');
  let sum = 0;
  for (let i = 0; i < 12; i++) sum += Number(first12[i]) * (13 - i);
  return (11 - (sum % 11)) % 10;
}

export type NationalIdProblem = 'not_13_digits' | 'bad_check_digit' | 'bad_first_digit';

/** Why an ID is invalid, or null when it is valid. Accepts spaces and dashes. */
export function nationalIdProblem(input: string): NationalIdProblem | null {
  const id = normaliseNationalId(input);
  if (!/^[0-9]{13}$/.test(id)) return 'not_13_digits';
  // The first digit is the person category 1..8; 0 and 9 are not issued to people.
  if (id[0] === '0' || id[0] === '9') return 'bad_first_digit';
  return nationalIdCheckDigit(id.slice(0, 12)) === Number(id[12]) ? null : 'bad_check_digit';
}

export function isValidNationalId(input: string): boolean {
  return nationalIdProblem(input) === null;
}

/** Thai and English text of each problem, for error messages. */
export const NATIONAL_ID_MESSAGES: Record<NationalIdProblem, { th: string; en: string }> = {
  not_13_digits: { th: 'เลขประจำตัวประชาชนต้องมี 13 หลัก', en: 'A Thai national ID has 13 digits' },
  bad_check_digit: { th: 'เลขประจำตัวประชาชนไม่ถูกต้อง (หลักตรวจสอบไม่ตรง)', en: 'The national ID is not valid (its check digit does not match)' },
  bad_first_digit: { th: 'หลักแรกของเลขประจำตัวประชาชนต้องเป็น 1–8', en: 'The first digit of a national ID must be 1–8' },
};

/** Completes 12 digits into a valid ID (synthetic data, tests). */
export function withCheckDigit(first12: string): string {
  return first12 + String(nationalIdCheckDigit(first12));
}
