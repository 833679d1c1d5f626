export { AccessTargetName } from './AccessTargetName';
