/** Deterministic synthetic Thai households and people (no I/O). */
export {
  createGenerator,
  ageOn,
  DEFAULT_REFERENCE_DATE,
  HOUSEHOLD_COLUMNS,
  NATIONALITY,
  PERSON_COLUMNS,
  type GeneratedHousehold,
  type Generator,
  type GeneratorOptions,
  type HouseholdKind,
  type HouseholdOptions,
  type HouseholdRow,
  type IdType,
  type PersonRow,
  type RegistryStatus,
  type Relation,
  type Sex,
  type Tenure,
} from './households.js';
export { latinOf, latinFullName, type Name } from './names.js';
export { Random, Weighted, type Seed } from './random.js';
