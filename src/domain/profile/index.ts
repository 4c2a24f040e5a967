export * from './types';
export * from './recognizers';
export * from './parse';
export * from './warmup';
