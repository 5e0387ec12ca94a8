/**
 * Server actions read the request through next/headers and refresh pages through next/cache; both
 * need Next's request scope, which a unit test does not have. Test files replace those two modules
 * with these stand-ins (vi.mock), and sign real users in through better-auth to get real cookies.
 */
import { vi } from "vitest";
import { PEER_ADDRESS_HEADER } from "@/lib/request-rules";

// the tests stand in for server.ts, which passes on each connection's peer address
globalThis.kepuFrontDoor = true;

type CookieValue = { name: string; value: string };

export const request = {
  headers: new Headers(),
  cookies: new Map<string, string>(),
};

function cookieHeader(): string {
  return [...request.cookies].map(([name, value]) => `${name}=${value}`).join("; ");
}

/** Start a fresh request as nobody (no cookie), optionally from a network address (the connection's peer) with the headers given. */
export function anonymousRequest(address?: string, headers: Record<string, string> = {}): void {
  request.cookies.clear();
  request.headers = new Headers({ ...headers, ...(address ? { [PEER_ADDRESS_HEADER]: address } : {}) });
}

/** Carry a session cookie, as a browser would after signing in. */
export function carrySessionCookie(name: string, value: string): void {
  request.cookies.set(name, value);
}

export const nextHeadersMock = {
  headers: async () => {
    const merged = new Headers(request.headers);
    if (request.cookies.size > 0) merged.set("cookie", cookieHeader());
    return merged;
  },
  cookies: async () => ({
    get: (name: string): CookieValue | undefined => {
      const value = request.cookies.get(name);
      return value === undefined ? undefined : { name, value: decodeURIComponent(value) };
    },
    getAll: (): CookieValue[] => [...request.cookies].map(([name, value]) => ({ name, value: decodeURIComponent(value) })),
    has: (name: string) => request.cookies.has(name),
    // Next serializes a cookie's value URI-encoded, and the browser sends it back so
    set: (name: string, value: string, options?: { maxAge?: number }) => {
      if (options?.maxAge === 0 || value === "") request.cookies.delete(name);
      else request.cookies.set(name, encodeURIComponent(value));
    },
    delete: (name: string) => request.cookies.delete(name),
  }),
};

export const nextCacheMock = {
  revalidatePath: vi.fn(),
  revalidateTag: vi.fn(),
};

/** What next/navigation's redirect() throws, so a test can see where an action sent the user. */
export function redirectTarget(error: unknown): string | null {
  if (error instanceof Error && "digest" in error && typeof error.digest === "string" && error.digest.startsWith("NEXT_REDIRECT")) {
    return error.digest.split(";")[2] ?? null;
  }
  return null;
}
