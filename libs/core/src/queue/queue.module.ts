import { BullModule } from '@nestjs/bull';
import { Module } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { redisOptionsFromUrl } from '../redis/redis.module';

/** Bull on Redis; queues are registered by the features that own them. */
@Module({
  imports: [
    BullModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        redis: redisOptionsFromUrl(config.redis.url),
        prefix: config.redis.queuePrefix,
      }),
    }),
  ],
  exports: [BullModule],
})
export class QueueModule {}
