export * from './fixtures';
export { renderWithRbacApi } from './renderWithRbacApi';
