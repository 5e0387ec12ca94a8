import "server-only";
import { headers } from "next/headers";

/** This request's CSP nonce (proxy.ts), for a <style> or <script> the page writes itself. */
export async function cspNonce(): Promise<string | undefined> {
  return (await headers()).get("x-nonce") ?? undefined;
}
