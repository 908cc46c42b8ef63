import { Global, Module } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { PiiCipher } from './pii-cipher';

/** One cipher per process, keyed from PII_ENCRYPTION_KEY and PII_ENCRYPTION_KEY_ID. */
@Global()
@Module({
  providers: [
    {
      provide: PiiCipher,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) =>
        PiiCipher.fromHex(config.pii.keyId, config.pii.encryptionKey),
    },
  ],
  exports: [PiiCipher],
})
export class PiiModule {}
