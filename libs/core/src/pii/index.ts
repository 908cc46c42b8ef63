export * from './pii-cipher';
export * from './masking';
