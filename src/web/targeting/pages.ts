/** The pages of the targeting part, loaded together on first use (the map's Leaflet loads with the map). */
export { IndicatorsPage } from './IndicatorsPage.js';
export { IndicatorEditorPage } from './IndicatorEditor.js';
export { MembersPage } from './MembersPage.js';
export { TargetingListPage } from './TargetingListPage.js';
export { DashboardIndexPage, DashboardPage, PublicDashboardPage, PublicIndexPage } from './DashboardPage.js';
