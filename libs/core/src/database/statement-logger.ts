import { Logger } from '@nestjs/common';
import type { Logger as TypeOrmLogger } from 'typeorm';

/**
 * TypeORM's logger. TypeORM hands its logger every failed or slow statement together with its
 * parameters — a reporter's name, e-mail, address, point — and its own loggers print them once
 * `logging` or `maxQueryExecutionTime` is set. This one takes no parameters at all, so no setting
 * can bring them into the log: a failed statement is left to whoever ran it (its error reaches
 * the log through the error serializer), and only the text of a slow one is logged.
 */
export class StatementLogger implements TypeOrmLogger {
  private readonly logger = new Logger('Database');

  logQuery(): void {}

  logQueryError(): void {}

  logQuerySlow(time: number, query: string): void {
    this.logger.warn(`A statement took ${time} ms: ${query}`);
  }

  logSchemaBuild(): void {}

  /** Migrations are reported by prepareDatabase, their failures by whoever runs them. */
  logMigration(): void {}

  log(level: 'log' | 'info' | 'warn', message: unknown): void {
    if (level === 'warn') this.logger.warn(String(message));
  }
}
