export { EntityName, EntityNames, isCatalogRef } from './EntityName';
