// oidc-provider ships no types; the tests use it only to start a local provider.
declare module 'oidc-provider' {
  import type { Server } from 'node:http';
  const Provider: new (
    issuer: string,
    configuration: Record<string, unknown>,
  ) => { listen(port: number, host?: string): Server };
  export default Provider;
}
