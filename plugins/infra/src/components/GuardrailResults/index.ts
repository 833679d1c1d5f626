export { GuardrailResults } from './GuardrailResults';
