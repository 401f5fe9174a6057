export * from './auth';
export * from './errors';
export { API_BASE } from './http';
