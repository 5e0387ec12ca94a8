import "server-only";
import { deriveClientAddress, parseTrustedProxies, type TrustedProxies } from "@/lib/client-address";
import { PEER_ADDRESS_HEADER } from "@/lib/request-rules";

let parsed: { text: string | undefined; proxies: TrustedProxies } | undefined;

function trustedProxies(): TrustedProxies {
  const text = process.env.TRUSTED_PROXIES;
  if (!parsed || parsed.text !== text) parsed = { text, proxies: parseTrustedProxies(text) };
  return parsed.proxies;
}

/**
 * The client's network address for sign-in throttling: the connection's peer as server.ts passes
 * it on, or behind a proxy named in TRUSTED_PROXIES the right-most X-Forwarded-For entry that is
 * not a trusted proxy. Null when the app runs without server.ts (`next dev`): the peer is unknown
 * there and a client could write the header itself, so sign-in is then throttled per account only.
 */
export function clientAddress(headers: Headers): string | null {
  if (globalThis.kepuFrontDoor !== true) return null;
  return deriveClientAddress({ peer: headers.get(PEER_ADDRESS_HEADER), forwardedFor: headers.get("x-forwarded-for") }, trustedProxies());
}
