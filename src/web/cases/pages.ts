/** The pages of the care-coordination part (cases, referrals, services), loaded together on first use. */
export { QueuesPage } from './QueuesPage.js';
export { CasePage } from './CasePage.js';
export { ServicesPage } from '../services/ServiceTabs.js';
export { TransportPage } from '../services/TransportPage.js';
export { DriverPage } from '../services/DriverPage.js';
export { HomecarePage } from '../services/HomecarePage.js';
export { SuppliesPage } from '../services/SuppliesPage.js';
