export * from './nik';
export * from './provinces';
export * from './validators';
export * from './age';
