export * from './nik';
export * from './provinces';
export * from './synthetic';
export * from './validators';
