// Server-side request forgery guard for webhook automations. A process
// designer types the URL, so without this a flow could read the cloud
// metadata service (169.254.169.254), the database port or an admin panel on
// the private network and put the answer into instance data. RELIABILITY.md:
// loopback and private addresses are refused unless an admin allows them.
//
// The guard resolves the host itself and checks EVERY address, then hands
// those exact addresses to the client, which connects to them without asking
// DNS again: a hostname that answers a public address to the check and
// 127.0.0.1 to the connection (DNS rebinding) gets nowhere.
import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { WebhookRefused } from './webhook.errors.js';

export interface AddressGuardOptions {
  /** Hostnames (`hooks.corp`, `*.corp`), IPs or CIDRs (`10.0.0.0/8`, `fd00::/8`) an admin let through. */
  allow: readonly string[];
  /** Host name to addresses; defaults to the system resolver (what a plain connection would use). */
  resolve?: (host: string) => Promise<string[]>;
}

interface Ip {
  v: 4 | 6;
  n: bigint;
}

interface Cidr extends Ip {
  bits: number;
  label: string;
}

const WIDTH = { 4: 32, 6: 128 } as const;

function parseV4(text: string): bigint {
  return text.split('.').reduce((acc, part) => (acc << 8n) | BigInt(part), 0n);
}

function parseV6(text: string): bigint {
  let s = text;
  // A trailing dotted quad (::ffff:1.2.3.4) becomes two hex groups.
  if (s.includes('.')) {
    const at = s.lastIndexOf(':') + 1;
    const v4 = parseV4(s.slice(at));
    s = `${s.slice(0, at)}${(v4 >> 16n).toString(16)}:${(v4 & 0xffffn).toString(16)}`;
  }
  const [head, tail] = s.split('::');
  const left = head ? head.split(':') : [];
  const right = tail === undefined ? [] : tail ? tail.split(':') : [];
  const groups =
    tail === undefined
      ? left
      : [...left, ...Array<string>(8 - left.length - right.length).fill('0'), ...right];
  return groups.reduce((acc, g) => (acc << 16n) | BigInt(`0x${g}`), 0n);
}

/** Parses an IP literal (brackets and zone id tolerated); IPv4-mapped IPv6 comes back as IPv4 so one rule covers both spellings. */
function parseIp(text: string): Ip | undefined {
  const s = text.replace(/^\[(.*)\]$/, '$1').split('%')[0];
  const kind = isIP(s);
  if (kind === 4) return { v: 4, n: parseV4(s) };
  if (kind !== 6) return undefined;
  const n = parseV6(s);
  return n >> 32n === 0xffffn ? { v: 4, n: n & 0xffffffffn } : { v: 6, n };
}

function cidr(text: string, label: string): Cidr {
  const [addr, bitsText, extra] = text.split('/');
  const ip = parseIp(addr);
  if (!ip || extra !== undefined || (bitsText !== undefined && !/^\d+$/.test(bitsText))) {
    throw new Error(`"${text}" is not an IP address or CIDR range`);
  }
  const width = WIDTH[ip.v];
  // A mapped range (::ffff:10.0.0.0/104) counts its prefix over 128 bits; ours is over IPv4's 32.
  const mapped = ip.v === 4 && addr.includes(':');
  const bits = bitsText === undefined ? width : Number(bitsText) - (mapped ? 96 : 0);
  if (bits < 0 || bits > width) throw new Error(`"${text}" has an invalid prefix length`);
  return { ...ip, bits, label };
}

function contains(range: Cidr, ip: Ip): boolean {
  if (range.v !== ip.v) return false;
  const shift = BigInt(WIDTH[ip.v] - range.bits);
  return ip.n >> shift === range.n >> shift;
}

// Addresses a webhook must not reach on its own. Wider than the classic
// private ranges on purpose: 0.0.0.0/8 reaches this host on Linux, and
// 198.18/15 and 240/4 are used inside some networks.
const BLOCKED_V4: Cidr[] = [
  cidr('0.0.0.0/8', 'unspecified ("this network")'),
  cidr('10.0.0.0/8', 'private'),
  cidr('100.64.0.0/10', 'carrier-grade NAT (shared)'),
  cidr('127.0.0.0/8', 'loopback'),
  cidr('169.254.0.0/16', 'link-local (cloud metadata)'),
  cidr('172.16.0.0/12', 'private'),
  cidr('192.0.0.0/24', 'IETF protocol assignment'),
  cidr('192.168.0.0/16', 'private'),
  cidr('198.18.0.0/15', 'benchmarking'),
  cidr('224.0.0.0/4', 'multicast'),
  cidr('240.0.0.0/4', 'reserved or broadcast'),
];

const BLOCKED_V6: Cidr[] = [
  // Covers :: (unspecified), ::1 (loopback) and the deprecated IPv4-compatible ::a.b.c.d.
  cidr('::/96', 'unspecified, loopback or IPv4-compatible'),
  cidr('64:ff9b:1::/48', 'local NAT64'),
  cidr('2001::/32', 'Teredo tunnel'),
  cidr('fc00::/7', 'private (unique local)'),
  cidr('fe80::/10', 'link-local'),
  cidr('fec0::/10', 'site-local'),
  cidr('ff00::/8', 'multicast'),
];

// Translation prefixes carry an IPv4 address inside; judge that address.
const NAT64 = cidr('64:ff9b::/96', 'NAT64');
const SIX_TO_FOUR = cidr('2002::/16', '6to4');

function blockedReason(ip: Ip): string | undefined {
  if (ip.v === 4) return BLOCKED_V4.find((r) => contains(r, ip))?.label;
  const embedded = contains(NAT64, ip)
    ? ip.n & 0xffffffffn
    : contains(SIX_TO_FOUR, ip)
      ? (ip.n >> 80n) & 0xffffffffn
      : undefined;
  if (embedded !== undefined) {
    const inner = blockedReason({ v: 4, n: embedded });
    return inner && `${inner} (inside an IPv6 translation address)`;
  }
  return BLOCKED_V6.find((r) => contains(r, ip))?.label;
}

/** Why an address is not public (`'loopback'`, `'private'`, ...), or undefined when a webhook may reach it. */
export function addressRisk(address: string): string | undefined {
  const ip = parseIp(address);
  return ip ? blockedReason(ip) : 'not an IP address';
}

export interface AllowList {
  hosts: Set<string>;
  /** From `*.corp`: matches `a.corp`, `b.a.corp`, not `corp`. */
  suffixes: string[];
  ranges: Cidr[];
}

function normaliseHost(host: string): string {
  return host
    .toLowerCase()
    .replace(/^\[(.*)\]$/, '$1')
    .replace(/\.$/, '');
}

/** Parses allow-list entries; throws on a malformed one so bad config fails at boot, not at the first delivery. */
export function parseAllowList(entries: readonly string[]): AllowList {
  const list: AllowList = { hosts: new Set(), suffixes: [], ranges: [] };
  for (const raw of entries) {
    const entry = normaliseHost(raw.trim());
    if (!entry) continue;
    if (entry.includes('/') || parseIp(entry)) {
      try {
        list.ranges.push(cidr(entry, 'allowed'));
      } catch (err) {
        throw new Error(`webhook allow list: ${(err as Error).message}`);
      }
    } else if (/^\*\.[a-z0-9-]+(\.[a-z0-9-]+)*$/.test(entry)) {
      list.suffixes.push(entry.slice(1));
    } else if (/^[a-z0-9_-]+(\.[a-z0-9_-]+)*$/.test(entry)) {
      list.hosts.add(entry);
    } else {
      throw new Error(`webhook allow list: "${raw}" is not a hostname, IP address or CIDR range`);
    }
  }
  return list;
}

/** `BATON_WEBHOOK_ALLOW=10.0.0.0/8, hooks.corp` -> entries (commas or spaces separate them). */
export function allowListFromEnv(value: string | undefined): string[] {
  const entries = (value ?? '').split(/[\s,]+/).filter(Boolean);
  parseAllowList(entries);
  return entries;
}

async function systemResolve(host: string): Promise<string[]> {
  // lookup (getaddrinfo), not resolve4/6: it reads /etc/hosts and search
  // domains, so we check what a normal connection to this name would reach.
  const found = await lookup(host, { all: true, verbatim: true });
  return found.map((a) => a.address);
}

/**
 * Checks a webhook URL and resolves to the addresses the client must connect
 * to (and only those). Throws WebhookRefused when the URL is malformed, not
 * http(s), or any address of its host is not public and not allowed. DNS
 * errors are passed through untouched: they may be temporary.
 */
export async function checkWebhookUrl(url: string, opts: AddressGuardOptions): Promise<string[]> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new WebhookRefused('invalid_url', `Webhook URL "${url}" is not a valid absolute URL.`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new WebhookRefused(
      'scheme_not_allowed',
      `Webhook URL scheme "${parsed.protocol}" is not allowed; use http or https.`,
    );
  }
  const host = normaliseHost(parsed.hostname);
  if (!host) throw new WebhookRefused('invalid_url', `Webhook URL "${url}" has no host.`);

  const allow = parseAllowList(opts.allow);
  const hostAllowed = allow.hosts.has(host) || allow.suffixes.some((s) => host.endsWith(s));
  // The WHATWG parser already turned 0x7f.1, 2130706433 and friends into dotted form.
  const addresses = parseIp(host) ? [host] : await (opts.resolve ?? systemResolve)(host);
  if (addresses.length === 0) {
    throw Object.assign(new Error(`Webhook host "${host}" resolved to no address.`), {
      code: 'ENOTFOUND',
    });
  }

  for (const address of addresses) {
    const ip = parseIp(address);
    if (!ip)
      throw new WebhookRefused(
        'address_not_allowed',
        `Webhook host "${host}" resolved to "${address}", which is not an IP address.`,
      );
    if (hostAllowed || allow.ranges.some((r) => contains(r, ip))) continue;
    const risk = blockedReason(ip);
    if (risk) {
      const via = address === host ? '' : ` resolves to ${address}, which`;
      throw new WebhookRefused(
        'address_not_allowed',
        `Webhook host "${host}"${via} is a ${risk} address; webhooks may only reach it if an admin allows it (BATON_WEBHOOK_ALLOW).`,
      );
    }
  }
  return addresses.map((a) => a.replace(/^\[(.*)\]$/, '$1'));
}
