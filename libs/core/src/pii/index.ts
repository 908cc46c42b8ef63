export * from './pii-cipher';
export * from './masking';
export * from './phone';
export * from './reencrypt';
