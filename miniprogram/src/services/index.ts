export * from './auth';
export * from './errors';
export * from './ensure-login';
export { API_BASE } from './http';
