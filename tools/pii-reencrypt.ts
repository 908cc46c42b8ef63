/* After a PII key rotation (docs/operations.md, "Key rotation"): re-encrypts every stored NIK, KK
 * and phone number still under an older key with the current PII_ENCRYPTION_KEY, while the
 * service runs; prints what it rewrote. Run with the service's configuration (the new key, the
 * old ones in PII_PREVIOUS_KEYS). Usage: npm run pii:reencrypt */
import { DataSource } from 'typeorm';
import {
  bootLog,
  dataSourceOptions,
  loadConfig,
  piiCipherFrom,
  reencryptStoredValues,
  startLocalInfrastructure,
} from '@crm/core';

async function main(): Promise<void> {
  const infrastructure = await startLocalInfrastructure(process.env, bootLog, { redis: false });
  const config = loadConfig({ REDIS_URL: 'redis://unused', ...process.env });
  const dataSource = await new DataSource(dataSourceOptions(config.database.url)).initialize();
  try {
    const report = await reencryptStoredValues(dataSource, piiCipherFrom(config.pii), (column, n) =>
      bootLog(`${column}: ${n} rewritten`),
    );
    process.stdout.write(
      JSON.stringify({ currentKeyId: config.pii.keyId, report }, null, 2) + '\n',
    );
  } finally {
    await dataSource.destroy();
    await infrastructure.stop();
  }
}

main().catch((error: Error) => {
  bootLog(error.message, 'error');
  process.exit(1);
});
