export * from './open311.module';
export * from './keys/open311-api-key.entity';
export * from './keys/open311-keys.service';
export * from './georeport/open311-submission.entity';
