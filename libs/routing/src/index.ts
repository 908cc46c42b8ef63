export * from './routing.module';
export * from './first-placement';
export * from './address-matcher';
