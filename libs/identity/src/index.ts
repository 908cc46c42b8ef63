export * from './nik';
export * from './provinces';
export * from './validators';
