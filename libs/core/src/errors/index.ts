export * from './api-error';
export * from './error-body';
export * from './api-exception.filter';
export * from './validation';
export { encodeMessage, saying } from './validation-messages';
