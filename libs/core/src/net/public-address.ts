import { lookup, LookupAddress } from 'node:dns';
import { BlockList, isIP, LookupFunction } from 'node:net';
import { Bilingual, bilingual } from '../i18n/bilingual';

/**
 * Why an address may not be reached; its message names the host and the address, and `reason`
 * says the same in both languages for a client's error.
 */
export class AddressRefusedError extends Error {
  override readonly name = 'AddressRefusedError';

  constructor(readonly reason: Bilingual) {
    super(reason.en);
  }
}

// IPv4 addresses that are not the public internet's (IANA's special-purpose registry): this
// network, private, CGNAT (Alibaba Cloud's metadata), loopback, link-local (the cloud metadata
// address 169.254.169.254), IETF assignments, documentation, the 6to4 relay, benchmarking,
// multicast, and the reserved block with the broadcast address.
const IPV4_SPECIAL: [string, number][] = [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.88.99.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
];
// IPv6 is allowed only in global unicast (2000::/3), which leaves out loopback, unspecified,
// IPv4-compatible, NAT64, unique-local (AWS's metadata fd00:ec2::254), link-local and multicast;
// within it, the IETF assignments (Teredo among them), documentation and 6to4 are refused too.
const IPV6_GLOBAL: [string, number] = ['2000::', 3];
const IPV6_SPECIAL: [string, number][] = [
  ['2001::', 23],
  ['2001:db8::', 32],
  ['2002::', 16],
  ['3fff::', 20],
];
const IPV4_MAPPED: [string, number] = ['::ffff:0:0', 96];

function blockList(family: 'ipv4' | 'ipv6', subnets: [string, number][]): BlockList {
  const list = new BlockList();
  for (const [network, prefix] of subnets) list.addSubnet(network, prefix, family);
  return list;
}
const ipv4Special = blockList('ipv4', IPV4_SPECIAL);
const ipv6Global = blockList('ipv6', [IPV6_GLOBAL]);
const ipv6Special = blockList('ipv6', IPV6_SPECIAL);
const ipv4Mapped = blockList('ipv6', [IPV4_MAPPED]);

/**
 * Whether an IP address lies on the public internet. An IPv4-mapped IPv6 address
 * (`::ffff:127.0.0.1`) counts as the IPv4 address it carries (BlockList compares it so).
 * Anything that is not an IP address is not public.
 */
export function isPublicAddress(address: string): boolean {
  switch (isIP(address)) {
    case 4:
      return !ipv4Special.check(address, 'ipv4');
    case 6:
      if (ipv4Mapped.check(address, 'ipv6')) return !ipv4Special.check(address, 'ipv6');
      return ipv6Global.check(address, 'ipv6') && !ipv6Special.check(address, 'ipv6');
    default:
      return false;
  }
}

const refusal = (host: string, address: string) =>
  new AddressRefusedError(
    host === address
      ? bilingual(
          `menunjuk ke ${address}, alamat privat atau khusus`,
          `points at ${address}, a private or reserved address`,
        )
      : bilingual(
          `${host} mengarah ke ${address}, alamat privat atau khusus`,
          `${host} resolves to ${address}, a private or reserved address`,
        ),
  );

/** A URL's host as resolvers and isIP take it: IPv6 without its brackets. */
const hostOf = (url: URL) => url.hostname.replace(/^\[(.*)\]$/, '$1');

/** True for an IP address that may be reached, false for a name; throws for any other address. */
function isAllowedAddress(host: string): boolean {
  if (!isIP(host)) return false;
  if (!isPublicAddress(host)) throw refusal(host, host);
  return true;
}

/** The error for the first of a name's addresses that is not public, if any. */
function refusedAmong(host: string, addresses: LookupAddress[]): AddressRefusedError | undefined {
  const refused = addresses.find(({ address }) => !isPublicAddress(address));
  return refused && refusal(host, refused.address);
}

export type Resolver = (host: string) => Promise<LookupAddress[]>;

const resolveAll: Resolver = (host) =>
  new Promise((resolve, reject) =>
    lookup(host, { all: true }, (error, addresses) => (error ? reject(error) : resolve(addresses))),
  );

/**
 * Refuses a URL whose host is, or resolves to, an address that is not public (unless private
 * ones are allowed). The URL parser has already turned the other spellings of an IPv4 address
 * (`2130706433`, `0x7f.1`, `0177.0.0.1`, `127.1`) into dotted form. Every address a name resolves
 * to must be public: a client may connect to any of them.
 */
export async function checkHost(
  url: URL,
  allowPrivate: boolean,
  resolve: Resolver = resolveAll,
): Promise<void> {
  const host = hostOf(url);
  if (allowPrivate || isAllowedAddress(host)) return;
  let addresses: LookupAddress[];
  try {
    addresses = await resolve(host);
  } catch {
    throw new AddressRefusedError(
      bilingual(`${host} tidak dapat ditemukan di DNS`, `${host} does not resolve`),
    );
  }
  const refused = refusedAmong(host, addresses);
  if (refused) throw refused;
}

/**
 * A `lookup` for sockets: resolves the name and hands the connection only addresses that passed
 * the check, so that what DNS answers at the moment of connecting is what is checked and used
 * (an answer that changed since the URL was set, or a name rebinding, changes nothing).
 */
export function guardedLookup(allowPrivate: boolean): LookupFunction {
  return (hostname, options, callback) => {
    lookup(hostname, { ...options, all: true }, (error, addresses) => {
      const refused = error ?? (allowPrivate ? undefined : refusedAmong(hostname, addresses));
      if (refused) return callback(refused, '');
      if (options.all) return callback(null, addresses);
      callback(null, addresses[0].address, addresses[0].family);
    });
  };
}

/**
 * Options for `http(s).request(url, …)` that make the connection itself keep to the policy. Node
 * connects to an IP address without a lookup, so one is checked here; a name is checked by the
 * lookup as the connection resolves it.
 */
export function guardedConnection(url: URL, allowPrivate: boolean): { lookup?: LookupFunction } {
  if (allowPrivate || isAllowedAddress(hostOf(url))) return {};
  return { lookup: guardedLookup(false) };
}
