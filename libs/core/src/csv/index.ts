export * from './csv';
export * from './rejected-rows';
export * from './csv-records';
