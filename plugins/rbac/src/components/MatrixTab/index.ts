export { MatrixTab } from './MatrixTab';
