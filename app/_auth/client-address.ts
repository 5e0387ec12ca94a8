import "server-only";

/**
 * The client's network address as a reverse proxy reports it (X-Forwarded-For, X-Real-IP).
 * Without a proxy there is none, and sign-in is throttled per account only.
 */
export function clientAddress(headers: Headers): string | null {
  const forwarded = headers.get("x-forwarded-for")?.split(",")[0]?.trim();
  return forwarded || headers.get("x-real-ip")?.trim() || null;
}
