export * from './errors';
export * from './shape';
export * from './dialect';
export * from './retry';
export * from './limiter';
export * from './caller';
export * from './token-manager';
