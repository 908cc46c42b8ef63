export * from './sla-policy';
export * from './sla-calendar';
export * from './sla-rule.entity';
export * from './sla-outcome.entity';
export * from './working-days';
export * from './sla.module';
