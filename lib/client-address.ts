/**
 * Which network address a request comes from, for throttling sign-in. The address is the TCP peer
 * of the connection (written into a header by the app's own server, server.ts, which overwrites
 * whatever a client sent under that name). Only when that peer is a reverse proxy named in
 * TRUSTED_PROXIES is X-Forwarded-For read, from the right: each trusted proxy appends the address
 * it saw, so the right-most entry that is not a trusted proxy is the client; everything to its left
 * was written by the client and is ignored.
 */
import { BlockList, isIPv4, isIPv6 } from "node:net";

export type TrustedProxies = { list: BlockList; entries: readonly string[] };

/** "127.0.0.1, 10.0.0.0/8 ::1" → the proxies to trust; an entry that is not an address or CIDR block is an error. */
export function parseTrustedProxies(text: string | undefined): TrustedProxies {
  const list = new BlockList();
  const entries = (text ?? "").split(/[\s,]+/).filter(Boolean);
  for (const entry of entries) {
    const match = /^([^/]+)(?:\/(\d{1,3}))?$/.exec(entry);
    const address = match?.[1] ?? "";
    const prefix = match?.[2] === undefined ? null : Number(match[2]);
    const family = isIPv4(address) ? "ipv4" : isIPv6(address) ? "ipv6" : null;
    if (!family || (prefix !== null && prefix > (family === "ipv4" ? 32 : 128))) {
      throw new Error(`TRUSTED_PROXIES 中的“${entry}”不是 IP 地址或 CIDR 网段（例如 127.0.0.1、10.0.0.0/8、::1）`);
    }
    if (prefix === null) list.addAddress(address, family);
    else list.addSubnet(address, prefix, family);
  }
  return { list, entries };
}

/** An address as one spelling: no brackets or port, IPv4-mapped IPv6 as IPv4, IPv6 in canonical form. Null if it is not an address. */
export function canonicalAddress(raw: string | null | undefined): string | null {
  let text = (raw ?? "").trim();
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(text);
  if (bracketed?.[1]) text = bracketed[1];
  const withPort = /^(\d{1,3}(?:\.\d{1,3}){3}):\d+$/.exec(text);
  if (withPort?.[1]) text = withPort[1];
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(text);
  if (mapped?.[1]) text = mapped[1];
  if (isIPv4(text)) return text;
  if (!isIPv6(text)) return null;
  const canonical = new URL(`http://[${text}]/`).hostname.slice(1, -1);
  const mappedHex = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(canonical);
  if (mappedHex?.[1] && mappedHex[2]) {
    const high = parseInt(mappedHex[1], 16);
    const low = parseInt(mappedHex[2], 16);
    return [high >> 8, high & 255, low >> 8, low & 255].join(".");
  }
  return canonical;
}

function isTrusted(address: string, trusted: TrustedProxies): boolean {
  return trusted.list.check(address, isIPv4(address) ? "ipv4" : "ipv6");
}

/**
 * The client's address: the peer itself, unless the peer is a trusted proxy; then the right-most
 * X-Forwarded-For entry that is not a trusted proxy (or the left-most entry when every hop is
 * trusted). Null when the peer is unknown or a trusted proxy forwarded an entry that is no address.
 */
export function deriveClientAddress(request: { peer: string | null; forwardedFor: string | null }, trusted: TrustedProxies): string | null {
  const peer = canonicalAddress(request.peer);
  if (!peer || !isTrusted(peer, trusted)) return peer;
  const hops = (request.forwardedFor ?? "").split(",").map((hop) => hop.trim()).filter(Boolean);
  let nearest = peer;
  for (let index = hops.length - 1; index >= 0; index -= 1) {
    const hop = canonicalAddress(hops[index]);
    if (!hop) return null;
    if (!isTrusted(hop, trusted)) return hop;
    nearest = hop;
  }
  return nearest;
}

/**
 * What sign-in throttling counts an address as: an IPv4 address itself, an IPv6 address by
 * its /64 network, since one IPv6 subscriber is usually handed a whole /64 to pick addresses from.
 */
export function addressNetwork(address: string): string {
  if (isIPv4(address)) return address;
  const [head = "", tail = ""] = address.split("::");
  const headGroups = head ? head.split(":") : [];
  const tailGroups = address.includes("::") ? (tail ? tail.split(":") : []) : [];
  const groups = address.includes("::")
    ? [...headGroups, ...Array<string>(8 - headGroups.length - tailGroups.length).fill("0"), ...tailGroups]
    : headGroups;
  return `${groups.slice(0, 4).map((group) => group.replace(/^0+(?=.)/, "")).join(":")}::/64`;
}
