export { GrantExpiry, formatMoment } from './GrantExpiry';
