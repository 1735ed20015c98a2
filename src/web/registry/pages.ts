/** The pages of the registry part, loaded together on first use. */
export { SearchPage } from './SearchPage.js';
export { PersonPage } from './PersonPage.js';
export { HouseholdPage } from './HouseholdPage.js';
export { DuplicatesPage } from './DuplicatesPage.js';
export { ImportPage } from './ImportPage.js';
