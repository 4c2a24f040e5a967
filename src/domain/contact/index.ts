export * from './details';
export * from './notification';
export * from './ports';
export * from './reference';
export * from './service';
export * from './types';
