export { MyAccessView } from './MyAccessView';
