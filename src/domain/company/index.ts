export * from './siret';
export * from './naf';
export * from './size';
export * from './directory';
