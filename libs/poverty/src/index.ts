export * from './poverty.module';
export * from './application/application.entity';
export * from './application/triage-suggestion';
export * from './prelist/prelist-entry.entity';
export * from './prelist/prelist-verification.entity';
export * from './privacy/pii-access.entity';
