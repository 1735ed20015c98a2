/** Registry rows as the API shows them: property names of the vocabulary, sensitive ones only when allowed. */
import { ageOn } from './properties.js';

export interface PersonRow {
  id: string;
  householdId: string | null;
  areaCode: string;
  relationToHead: string | null;
  firstName: string;
  lastName: string | null;
  firstNameLatin: string | null;
  lastNameLatin: string | null;
  sex: string | null;
  birthDate: string | Date | null;
  birthYear: number | null;
  nationality: string | null;
  idType: string;
  idNumber: string | null;
  registryStatus: string | null;
  phone: string | null;
  lineId: string | null;
  inSchool: string | null;
  occupation: string | null;
  disability: string | null;
  bedridden: string | null;
  chronicIllness: string | null;
  vaccinated: string | null;
  movedInOn: string | Date | null;
  movedOutOn: string | Date | null;
  legalBasis: string | null;
  /** Only where the row was read for the person's own page. */
  legalBasisNote?: string | null;
  legalBasisAt?: Date | null;
  legalBasisByName?: string | null;
  mergedInto: string | null;
  erasedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

function isoDate(v: string | Date | null): string | null {
  if (v === null) return null;
  return typeof v === 'string' ? v.slice(0, 10) : v.toISOString().slice(0, 10);
}

export function presentPerson(r: PersonRow, opts: { sensitive: boolean }) {
  const birthDate = isoDate(r.birthDate);
  const base = {
    id: r.id,
    householdId: r.householdId,
    areaCode: r.areaCode,
    firstName: r.firstName,
    lastName: r.lastName,
    firstNameLatin: r.firstNameLatin,
    lastNameLatin: r.lastNameLatin,
    sex: r.sex,
    birthDate,
    birthYear: r.birthYear ?? (birthDate ? Number(birthDate.slice(0, 4)) : null),
    age: ageOn(birthDate, r.birthYear),
    nationality: r.nationality,
    idType: r.idType,
    idNumber: r.idNumber,
    registryStatus: r.registryStatus,
    relationToHead: r.relationToHead,
    inSchool: r.inSchool,
    occupation: r.occupation,
    phone: r.phone,
    lineId: r.lineId,
    movedInOn: isoDate(r.movedInOn),
    movedOutOn: isoDate(r.movedOutOn),
    legalBasis: r.legalBasis,
    // Who recorded the basis for the health values, when, and on what (on the person's own page).
    ...(r.legalBasisAt === undefined ? {} : { legalBasisRecord: r.legalBasis ? { by: r.legalBasisByName ?? null, at: r.legalBasisAt?.toISOString() ?? null, note: r.legalBasisNote ?? null } : null }),
    mergedInto: r.mergedInto,
    erased: r.erasedAt !== null,
    updatedAt: r.updatedAt.toISOString(),
  };
  if (!opts.sensitive) return base;
  return { ...base, disability: r.disability, bedridden: r.bedridden, chronicIllness: r.chronicIllness, vaccinated: r.vaccinated };
}

export interface HouseholdRow {
  id: string;
  areaCode: string;
  community: string | null;
  houseNo: string | null;
  moo: string | null;
  address: string | null;
  lat: number | null;
  lon: number | null;
  tenure: string | null;
  monthlyIncome: string | number | null;
  updatedAt: Date;
}

export function presentHousehold(h: HouseholdRow) {
  return {
    id: h.id,
    areaCode: h.areaCode,
    community: h.community,
    houseNo: h.houseNo,
    moo: h.moo,
    address: h.address,
    lat: h.lat,
    lon: h.lon,
    tenure: h.tenure,
    monthlyIncome: h.monthlyIncome === null ? null : Number(h.monthlyIncome),
    updatedAt: h.updatedAt.toISOString(),
  };
}
