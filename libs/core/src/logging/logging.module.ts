import { Module } from '@nestjs/common';
import type { IncomingMessage } from 'node:http';
import { LoggerModule } from 'nestjs-pino';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { serializeError } from './error-serializer';
import { REDACTED_PATHS, scrubIdentityNumbers, scrubUrl } from './redaction';

/** JSON logs with the request id on every line and personal data redacted. */
@Module({
  imports: [
    LoggerModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        pinoHttp: {
          level: config.log.level,
          genReqId: (req: IncomingMessage) => req.id ?? '',
          customProps: (req: IncomingMessage) =>
            req.clientRequestId ? { clientRequestId: req.clientRequestId } : {},
          redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
          autoLogging: { ignore: (req: IncomingMessage) => req.url === '/health' },
          serializers: {
            req: (req: { id: string; method: string; url: string }) => ({
              id: req.id,
              method: req.method,
              url: scrubUrl(req.url),
            }),
            res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
            err: serializeError,
          },
          hooks: {
            logMethod(args: unknown[], method: (...a: unknown[]) => void) {
              method.apply(
                this,
                args.map((arg) => (typeof arg === 'string' ? scrubIdentityNumbers(arg) : arg)),
              );
            },
          },
        },
      }),
    }),
  ],
})
export class LoggingModule {}
