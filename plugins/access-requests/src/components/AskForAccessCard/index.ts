export { AskForAccessCard } from './AskForAccessCard';
