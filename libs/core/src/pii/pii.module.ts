import { Global, Module } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { PiiCipher, piiCipherFrom } from './pii-cipher';

/** One cipher per process, keyed from PII_ENCRYPTION_KEY (and after a rotation PII_PREVIOUS_KEYS). */
@Global()
@Module({
  providers: [
    {
      provide: PiiCipher,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => piiCipherFrom(config.pii),
    },
  ],
  exports: [PiiCipher],
})
export class PiiModule {}
