/** The pages of the forms part, loaded together on first use. */
export { FormsPage } from './FormsPage.js';
export { FillPage } from './FillPage.js';
export { OutboxPage } from './OutboxPage.js';
export { ManageFormPage } from './ManageFormPage.js';
export { SubmissionsPage } from './SubmissionsPage.js';
export { SubmissionPage } from './SubmissionPage.js';
export { ImportPage } from './ImportPage.js';
