export * from './api-error';
export * from './error-body';
export * from './api-exception.filter';
export * from './validation';
export { encodeMessage, isBilingual, saying } from './validation-messages';
