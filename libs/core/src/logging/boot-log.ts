/**
 * Log lines written before Nest's logger exists (starting the local infrastructure, migrations),
 * in the same JSON shape pino writes.
 */
export function bootLog(msg: string, level: 'info' | 'error' = 'info'): void {
  const line = JSON.stringify({
    level: level === 'info' ? 30 : 50,
    time: Date.now(),
    context: 'Boot',
    msg,
  });
  (level === 'info' ? process.stdout : process.stderr).write(line + '\n');
}
