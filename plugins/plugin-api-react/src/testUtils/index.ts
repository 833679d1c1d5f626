export { MockSignalApi } from './MockSignalApi';
