/**
 * The security headers of every response, built in this one place: next.config.ts sends the fixed
 * ones on every path, proxy.ts adds the per-request Content-Security-Policy (with a fresh nonce that
 * Next puts on its own scripts) and HSTS, and server.ts puts the fixed ones on its own refusals.
 *
 * A nonce is unique to one response, so a page carrying one cannot be served twice from a cache
 * as it is: a cache of rendered pages must give each copy a new nonce (header and attributes alike).
 */

export type PolicyOptions = {
  /** The per-request nonce Next attaches to its scripts and inline styles. */
  nonce: string;
  /** `next dev` needs eval for React's debugging aids. */
  development: boolean;
  /** Served over https (APP_URL): subresources are upgraded, never fetched in the clear. */
  https: boolean;
};

export function contentSecurityPolicy({ nonce, development, https }: PolicyOptions): string {
  const directives = [
    "default-src 'self'",
    // only scripts carrying this response's nonce, and what they load ('strict-dynamic')
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${development ? " 'unsafe-eval'" : ""}`,
    // stylesheets from the app and <style> elements carrying the nonce; `next dev` injects styles without one
    `style-src 'self' ${development ? "'unsafe-inline'" : `'nonce-${nonce}'`}`,
    // style="" attributes (indentation, chart sizes) cannot carry a nonce and cannot run code
    "style-src-attr 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-src 'none'",
    "frame-ancestors 'none'",
    ...(https ? ["upgrade-insecure-requests"] : []),
  ];
  return directives.join("; ");
}

/** Browser features the app never uses, switched off for it and anything it could be made to load. */
const PERMISSIONS_POLICY = [
  "accelerometer=()",
  "autoplay=()",
  "camera=()",
  "display-capture=()",
  "encrypted-media=()",
  "geolocation=()",
  "gyroscope=()",
  "magnetometer=()",
  "microphone=()",
  "midi=()",
  "payment=()",
  "publickey-credentials-get=()",
  "screen-wake-lock=()",
  "usb=()",
  "xr-spatial-tracking=()",
].join(", ");

/** Headers that are the same on every response. */
export const FIXED_SECURITY_HEADERS: readonly { key: string; value: string }[] = [
  { key: "X-Frame-Options", value: "DENY" },
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "same-origin" },
  { key: "Permissions-Policy", value: PERMISSIONS_POLICY },
  { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
  { key: "Cross-Origin-Resource-Policy", value: "same-origin" },
];

/** Two years, sent only when the site is served over https. */
export const STRICT_TRANSPORT_SECURITY = "max-age=63072000; includeSubDomains";

export function isHttps(appUrl: string | undefined): boolean {
  return appUrl?.startsWith("https://") ?? false;
}

/** A fresh nonce: 128 random bits, base64. */
export function newNonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes));
}
