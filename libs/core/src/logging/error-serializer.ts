/** An error as it is logged: what identifies the failure, never the data it was handling. */
export interface LoggedError {
  type: string;
  message: string;
  stack?: string;
  code?: string | number;
  status?: number;
  /** Where a database error happened: names from the schema, never values. */
  table?: string;
  column?: string;
  constraint?: string;
  cause?: LoggedError;
}

const MAX_CAUSES = 3;

/**
 * The log's serializer for `err`. Only the fields listed in LoggedError are kept, whatever else an
 * error carries: TypeORM's QueryFailedError holds the failed statement's `query`, its `parameters`
 * (a reporter's name, e-mail, address, point, SMS sender) and the driver's error with `detail`
 * ("Failing row contains (…)") and `where` — none of them can reach the log. It takes a raw error
 * (pino) as well as the standard serializer's copy of one (pino-http wraps this serializer).
 */
export function serializeError(error: unknown): LoggedError {
  return serialize(error, 0);
}

/** An error's message as it may be logged or kept (dead letters, a notice's last error). */
export function describeError(error: unknown): string {
  return serialize(error, MAX_CAUSES).message;
}

function serialize(error: unknown, depth: number): LoggedError {
  if (typeof error !== 'object' || error === null) {
    return { type: error === null ? 'null' : typeof error, message: String(error) };
  }
  const source = error as Record<string, unknown>;
  const type = text(source.type) ?? error.constructor?.name ?? 'Object';
  const fromDatabase = isDatabaseError(source);
  const rawMessage = text(source.message) ?? '';
  const message = fromDatabase ? hideQuotedValues(rawMessage) : rawMessage;
  const logged: LoggedError = { type, message };
  const stack = text(source.stack);
  if (stack !== undefined) logged.stack = fromDatabase ? restack(stack, type, message) : stack;
  const { code, status, statusCode } = source;
  if (typeof code === 'string' || typeof code === 'number') logged.code = code;
  const httpStatus = typeof status === 'number' ? status : statusCode;
  if (typeof httpStatus === 'number') logged.status = httpStatus;
  if (fromDatabase) {
    for (const name of ['table', 'column', 'constraint'] as const) {
      const value = text(source[name]);
      if (value !== undefined) logged[name] = value;
    }
  }
  if (source.cause !== undefined && depth < MAX_CAUSES) {
    logged.cause = serialize(source.cause, depth + 1);
  }
  return logged;
}

/**
 * TypeORM's failed statement (it carries `query`, `parameters`, `driverError`) or node-postgres's
 * own error (`severity` and `routine`): their messages may quote a value that was sent.
 */
function isDatabaseError(source: Record<string, unknown>): boolean {
  return (
    'driverError' in source ||
    'parameters' in source ||
    'query' in source ||
    ('severity' in source && 'routine' in source)
  );
}

/**
 * PostgreSQL quotes what it complains about: an identifier (`relation "complaints"`) or a value
 * that was sent (`invalid input syntax for type uuid: "…"`). The two cannot be told apart, so
 * both go; the table, column and constraint are logged in fields of their own.
 */
function hideQuotedValues(message: string): string {
  return message.replace(/"(?:[^"]|"")*"/g, '"…"');
}

/** The stack with its first line (the type and the message) written afresh. */
function restack(stack: string, type: string, message: string): string {
  const frames = stack.indexOf('\n    at ');
  return `${type}: ${message}${frames < 0 ? '' : stack.slice(frames)}`;
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}
