export { EntityAuditActivityCard } from './EntityAuditActivityCard';
