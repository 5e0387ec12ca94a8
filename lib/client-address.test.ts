import { describe, expect, it } from "vitest";
import { addressNetwork, canonicalAddress, deriveClientAddress, parseTrustedProxies } from "./client-address";

const none = parseTrustedProxies(undefined);
const local = parseTrustedProxies("127.0.0.1, ::1");
const chain = parseTrustedProxies("127.0.0.1 10.0.0.0/8");

describe("the client's address without trusted proxies", () => {
  it("is the connection's peer", () => {
    expect(deriveClientAddress({ peer: "198.51.100.2", forwardedFor: null }, none)).toBe("198.51.100.2");
  });

  it("ignores X-Forwarded-For entirely, whatever the client wrote there", () => {
    expect(deriveClientAddress({ peer: "198.51.100.2", forwardedFor: "203.0.113.9" }, none)).toBe("198.51.100.2");
    expect(deriveClientAddress({ peer: "198.51.100.2", forwardedFor: "1.1.1.1, 2.2.2.2" }, none)).toBe("198.51.100.2");
  });

  it("even ignores it from a loopback peer that nobody named as a proxy", () => {
    expect(deriveClientAddress({ peer: "127.0.0.1", forwardedFor: "203.0.113.9" }, none)).toBe("127.0.0.1");
  });

  it("is unknown when the peer is unknown (the app runs without its own server)", () => {
    expect(deriveClientAddress({ peer: null, forwardedFor: "203.0.113.9" }, none)).toBeNull();
    expect(deriveClientAddress({ peer: "", forwardedFor: null }, local)).toBeNull();
  });
});

describe("the client's address behind trusted proxies", () => {
  it("is the right-most X-Forwarded-For entry that is not a trusted proxy", () => {
    expect(deriveClientAddress({ peer: "127.0.0.1", forwardedFor: "198.51.100.2" }, local)).toBe("198.51.100.2");
    expect(deriveClientAddress({ peer: "127.0.0.1", forwardedFor: "6.6.6.6, 198.51.100.2" }, local)).toBe("198.51.100.2");
    expect(deriveClientAddress({ peer: "127.0.0.1", forwardedFor: "6.6.6.6, 198.51.100.2, 10.1.2.3" }, chain)).toBe("198.51.100.2");
  });

  it("cannot be chosen by a client that writes its own X-Forwarded-For entries", () => {
    for (let i = 0; i < 5; i += 1) {
      expect(deriveClientAddress({ peer: "127.0.0.1", forwardedFor: `203.0.113.${i}, 198.51.100.2` }, local)).toBe("198.51.100.2");
    }
    expect(deriveClientAddress({ peer: "127.0.0.1", forwardedFor: "127.0.0.1, 198.51.100.2" }, local)).toBe("198.51.100.2");
  });

  it("is the peer when the peer is not a trusted proxy, even with X-Forwarded-For", () => {
    expect(deriveClientAddress({ peer: "192.0.2.50", forwardedFor: "198.51.100.2" }, local)).toBe("192.0.2.50");
  });

  it("is the furthest hop when every hop is a trusted proxy", () => {
    expect(deriveClientAddress({ peer: "127.0.0.1", forwardedFor: null }, local)).toBe("127.0.0.1");
    expect(deriveClientAddress({ peer: "127.0.0.1", forwardedFor: "10.0.0.7, 10.0.0.5" }, chain)).toBe("10.0.0.7");
  });

  it("is unknown when a trusted proxy forwarded something that is no address", () => {
    expect(deriveClientAddress({ peer: "127.0.0.1", forwardedFor: "198.51.100.2, unknown" }, local)).toBeNull();
  });

  it("matches the peer in any spelling: IPv4-mapped IPv6, brackets, ports", () => {
    expect(deriveClientAddress({ peer: "::ffff:127.0.0.1", forwardedFor: "198.51.100.2" }, local)).toBe("198.51.100.2");
    expect(deriveClientAddress({ peer: "::1", forwardedFor: "[2001:db8::5]:4711" }, local)).toBe("2001:db8::5");
    expect(deriveClientAddress({ peer: "127.0.0.1", forwardedFor: "198.51.100.2:50123" }, local)).toBe("198.51.100.2");
  });
});

describe("TRUSTED_PROXIES", () => {
  it("takes addresses and CIDR blocks of either family, separated by commas or spaces", () => {
    expect(parseTrustedProxies(" 127.0.0.1,10.0.0.0/8  fd00::/8 ::1 ").entries).toEqual(["127.0.0.1", "10.0.0.0/8", "fd00::/8", "::1"]);
    expect(parseTrustedProxies("").entries).toEqual([]);
  });

  it("refuses an entry that is not an address or block, naming it", () => {
    expect(() => parseTrustedProxies("127.0.0.1, nginx")).toThrow("TRUSTED_PROXIES 中的“nginx”");
    expect(() => parseTrustedProxies("10.0.0.0/33")).toThrow("10.0.0.0/33");
    expect(() => parseTrustedProxies("10.0.0.0/8/8")).toThrow();
  });
});

describe("addresses", () => {
  it("are spelled one way", () => {
    expect(canonicalAddress(" 198.51.100.2 ")).toBe("198.51.100.2");
    expect(canonicalAddress("::FFFF:198.51.100.2")).toBe("198.51.100.2");
    expect(canonicalAddress("0:0:0:0:0:0:0:1")).toBe("::1");
    expect(canonicalAddress("2001:DB8:0:0:0:0:0:5")).toBe("2001:db8::5");
    expect(canonicalAddress("evil.example")).toBeNull();
    expect(canonicalAddress("999.1.1.1")).toBeNull();
  });

  it("are counted by themselves for IPv4 and by their /64 network for IPv6", () => {
    expect(addressNetwork("198.51.100.2")).toBe("198.51.100.2");
    expect(addressNetwork("2001:db8:1:2:aaaa::1")).toBe("2001:db8:1:2::/64");
    expect(addressNetwork("2001:db8:1:2:bbbb:cccc:dddd:eeee")).toBe("2001:db8:1:2::/64");
    expect(addressNetwork("2001:db8::5")).toBe("2001:db8:0:0::/64");
    expect(addressNetwork("::1")).toBe("0:0:0:0::/64");
  });
});
