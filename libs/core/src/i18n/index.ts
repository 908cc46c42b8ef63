export * from './bilingual';
