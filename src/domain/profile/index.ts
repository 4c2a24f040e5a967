export * from './types';
export * from './figures';
export * from './parse';
export * from './port';
export * from './parser';
