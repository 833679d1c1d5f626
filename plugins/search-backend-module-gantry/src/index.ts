/**
 * Gantry's search collators: infrastructure requests and approval requests, each result
 * filtered by permission; and the catalog indexed as soon as it has settled after a start.
 *
 * @packageDocumentation
 */

export { searchModuleGantryCollators as default } from './module';
export type {
  ApprovalRequestDocument,
  InfraRequestDocument,
} from './collators/documentTypes';
