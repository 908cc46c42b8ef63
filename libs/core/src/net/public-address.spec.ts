import type { LookupAddress } from 'node:dns';
import { AddressRefusedError, checkHost, guardedLookup, isPublicAddress } from './public-address';

describe('isPublicAddress', () => {
  it.each([
    '1.1.1.1',
    '8.8.8.8',
    '103.28.12.5',
    '2606:4700:4700::1111',
    '2001:4860:4860::8888',
    '::ffff:8.8.8.8',
  ])('lets %s through', (address) => {
    expect(isPublicAddress(address)).toBe(true);
  });

  it.each([
    ['loopback', '127.0.0.1'],
    ['loopback', '127.255.255.254'],
    ['unspecified', '0.0.0.0'],
    ['"this network"', '0.1.2.3'],
    ['private', '10.0.0.5'],
    ['private', '172.16.3.4'],
    ['private', '172.31.255.255'],
    ['private', '192.168.1.10'],
    ['CGNAT (and Alibaba’s metadata)', '100.100.100.200'],
    ['link-local (cloud metadata)', '169.254.169.254'],
    ['IETF protocol assignments', '192.0.0.170'],
    ['documentation', '203.0.113.7'],
    ['benchmarking', '198.18.0.1'],
    ['multicast', '224.0.0.1'],
    ['reserved', '240.0.0.1'],
    ['broadcast', '255.255.255.255'],
    ['IPv6 loopback', '::1'],
    ['IPv6 unspecified', '::'],
    ['IPv4-mapped loopback', '::ffff:127.0.0.1'],
    ['IPv4-mapped metadata, in hex', '::ffff:a9fe:a9fe'],
    ['IPv4-compatible loopback', '::127.0.0.1'],
    ['NAT64 of a private address', '64:ff9b::a00:1'],
    ['unique-local (AWS IPv6 metadata)', 'fd00:ec2::254'],
    ['link-local', 'fe80::1'],
    ['multicast', 'ff02::1'],
    ['documentation', '2001:db8::1'],
    ['6to4', '2002:7f00:1::1'],
    ['Teredo', '2001:0:4136:e378::1'],
    ['not global unicast', '4000::1'],
    ['not an address', 'localhost'],
  ])('refuses %s %s', (_kind, address) => {
    expect(isPublicAddress(address)).toBe(false);
  });
});

describe('checkHost', () => {
  const resolvingTo =
    (...addresses: string[]) =>
    async (): Promise<LookupAddress[]> =>
      addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));

  it.each([
    'http://127.0.0.1:8080/hook',
    'http://2130706433/',
    'http://0x7f.1/',
    'http://017700000001/',
    'http://127.1/',
    'http://[::ffff:127.0.0.1]/',
    'http://169.254.169.254/latest/meta-data/',
  ])('refuses %s, however the address is written', async (url) => {
    await expect(checkHost(new URL(url), false)).rejects.toBeInstanceOf(AddressRefusedError);
  });

  it('refuses a name that resolves to a private address, even among public ones', async () => {
    await expect(
      checkHost(new URL('https://hooks.example.org/'), false, resolvingTo('1.1.1.1', '10.0.0.1')),
    ).rejects.toThrow(/hooks\.example\.org resolves to 10\.0\.0\.1, a private or reserved/);
    await expect(checkHost(new URL('http://localhost:9/'), false)).rejects.toThrow(
      /localhost resolves to/,
    );
  });

  it('accepts public addresses, and anything when private ones are allowed', async () => {
    await expect(
      checkHost(new URL('https://hooks.example.org/'), false, resolvingTo('1.1.1.1')),
    ).resolves.toBeUndefined();
    await expect(checkHost(new URL('https://1.1.1.1/'), false)).resolves.toBeUndefined();
    await expect(checkHost(new URL('http://127.0.0.1:1/'), true)).resolves.toBeUndefined();
  });

  it('says so when a name does not resolve', async () => {
    const failing = async (): Promise<LookupAddress[]> => {
      throw Object.assign(new Error('getaddrinfo ENOTFOUND nowhere.invalid'), {
        code: 'ENOTFOUND',
      });
    };
    await expect(checkHost(new URL('https://nowhere.invalid/'), false, failing)).rejects.toThrow(
      /nowhere\.invalid does not resolve/,
    );
  });
});

describe('guardedLookup', () => {
  const lookup = (hostname: string, all: boolean, allowPrivate = false) =>
    new Promise<unknown>((resolve, reject) =>
      guardedLookup(allowPrivate)(hostname, { all }, (error, address) =>
        error ? reject(error) : resolve(address),
      ),
    );

  it('refuses to connect where a name resolves to a private address', async () => {
    await expect(lookup('localhost', false)).rejects.toBeInstanceOf(AddressRefusedError);
    await expect(lookup('localhost', true)).rejects.toBeInstanceOf(AddressRefusedError);
  });

  it('hands over the checked addresses when they may be used', async () => {
    await expect(lookup('localhost', true, true)).resolves.toEqual(
      expect.arrayContaining([expect.objectContaining({ address: expect.any(String) })]),
    );
    await expect(lookup('localhost', false, true)).resolves.toEqual(expect.any(String));
  });
});
