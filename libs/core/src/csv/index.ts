export * from './csv';
export * from './rejected-rows';
