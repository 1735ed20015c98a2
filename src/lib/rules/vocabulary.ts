/**
 * The registry properties indicator rules may read, with their type. The
 * names and columns are those of the registry's property vocabulary
 * (src/modules/registry/properties.ts; a test checks they agree), plus the
 * derived `age` (person) and `size` (household).
 */
import { LEGAL_BASES } from '../legalBases.js';

/** The type a property has in rules. Yes/no properties are strings that must be compared ('yes', 'no'). */
export type PropertyType = 'string' | 'number' | 'date';

export interface RuleProperty {
  entity: 'person' | 'household';
  /** Column in `persons` / `households`; absent for derived properties. */
  column?: string;
  type: PropertyType;
  /** The values a coded property can take (comparing with another literal is an error). */
  values?: readonly string[];
  /** A yes/no property: using it as a condition on its own is an error (boolean('no') would be true). */
  yesNo?: boolean;
  /** Health or disability data (PDPA s.26): evidence holding it is sensitive. */
  sensitive?: boolean;
  /** Derived in the rule engine rather than read from a column. */
  derived?: 'age' | 'size';
}

const YES_NO = ['yes', 'no'] as const;
const str = (entity: 'person' | 'household', column: string): RuleProperty => ({ entity, column, type: 'string' });
const coded = (entity: 'person' | 'household', column: string, values: readonly string[]): RuleProperty => ({ entity, column, type: 'string', values });
const yesNo = (column: string, sensitive = false): RuleProperty => ({ entity: 'person', column, type: 'string', values: YES_NO, yesNo: true, ...(sensitive ? { sensitive } : {}) });

export const HOUSEHOLD_RULE_PROPERTIES: Readonly<Record<string, RuleProperty>> = {
  areaCode: str('household', 'area_code'),
  community: str('household', 'community'),
  houseNo: str('household', 'house_no'),
  moo: str('household', 'moo'),
  address: str('household', 'address'),
  lat: { entity: 'household', column: 'lat', type: 'number' },
  lon: { entity: 'household', column: 'lon', type: 'number' },
  tenure: coded('household', 'tenure', ['owner', 'renter', 'public_land', 'other']),
  monthlyIncome: { entity: 'household', column: 'monthly_income', type: 'number' },
  /** Number of live members (persons not merged, not erased). */
  size: { entity: 'household', type: 'number', derived: 'size' },
};

export const PERSON_RULE_PROPERTIES: Readonly<Record<string, RuleProperty>> = {
  firstName: str('person', 'first_name'),
  lastName: str('person', 'last_name'),
  firstNameLatin: str('person', 'first_name_latin'),
  lastNameLatin: str('person', 'last_name_latin'),
  sex: coded('person', 'sex', ['female', 'male', 'other']),
  birthDate: { entity: 'person', column: 'birth_date', type: 'date' },
  birthYear: { entity: 'person', column: 'birth_year', type: 'number' },
  /** Whole years on the rule's day, from birthDate, else (that year − birthYear). */
  age: { entity: 'person', type: 'number', derived: 'age' },
  nationality: str('person', 'nationality'),
  idType: coded('person', 'id_type', ['thai_id', 'pink_card', 'passport', 'none']),
  idNumber: str('person', 'id_number'),
  registryStatus: coded('person', 'registry_status', ['registered_here', 'registered_elsewhere', 'unregistered']),
  relationToHead: str('person', 'relation_to_head'),
  movedInOn: { entity: 'person', column: 'moved_in_on', type: 'date' },
  movedOutOn: { entity: 'person', column: 'moved_out_on', type: 'date' },
  inSchool: yesNo('in_school'),
  disability: yesNo('disability', true),
  bedridden: yesNo('bedridden', true),
  chronicIllness: yesNo('chronic_illness', true),
  vaccinated: yesNo('vaccinated', true),
  occupation: str('person', 'occupation'),
  phone: str('person', 'phone'),
  lineId: str('person', 'line_id'),
  /** The legal basis the person's health values are held on (e.g. to list those held on consent). */
  legalBasis: coded('person', 'legal_basis', LEGAL_BASES),
};

/** Names of the sub-collections: a household's live members, and (from a person) the other live members of the household. */
export const COLLECTIONS = ['member', 'others'] as const;
