export * from './routing.module';
export * from './first-placement';
