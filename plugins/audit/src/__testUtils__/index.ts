export { auditEntry } from '@internal/plugin-api-react/testUtils';
export { renderWithAuditApi } from './renderWithAuditApi';
