/**
 * Legal bases for processing health data (PDPA s.24/s.26): what an
 * organisation, a referral and a person's health values are held on. The
 * database checks the same list (migrations 0009, 0011).
 */
export const LEGAL_BASES = ['consent', 'vital_interest', 'public_task', 'legal_obligation', 'legitimate_interest'] as const;
export type LegalBasis = (typeof LEGAL_BASES)[number];
