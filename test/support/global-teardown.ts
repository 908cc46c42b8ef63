export default async function globalTeardown(): Promise<void> {
  await (globalThis as { crmTestTeardown?: () => Promise<void> }).crmTestTeardown?.();
}
