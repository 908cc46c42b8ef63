export * from './dashboard.module';
export * from './facts/ticket-facts';
