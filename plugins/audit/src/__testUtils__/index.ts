export * from './fixtures';
export { renderWithAuditApi } from './renderWithAuditApi';
