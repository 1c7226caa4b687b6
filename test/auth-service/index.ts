export { startAuthService, type AuthServiceOptions, type RunningAuthService } from './server';
