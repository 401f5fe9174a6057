export * from './platform';
export * from './errors';
export * from './paging';
export * from './auth';
export * from './org';
export * from './integrations';
export * from './routes';
export * from './mask';
