import "server-only";
import crypto from "node:crypto";
import { cookies } from "next/headers";
import { isHttps } from "@/lib/security-headers";
import { getAuth } from "@/db/auth";

/**
 * A browser that has signed in to an account before carries a signed cookie naming the account
 * (the "device cookie" defence against online guessing). Its failed attempts are counted for that
 * browser alone, so strangers guessing at the account — from anywhere, however many — cannot make
 * its owner wait on the browser they always use.
 */
const DEVICE_COOKIE = "kepu.device";
const MAX_AGE_SECONDS = 180 * 24 * 60 * 60;

async function signature(deviceId: string, username: string): Promise<string> {
  const { secret } = await getAuth().$context;
  const key = crypto.createHmac("sha256", secret).update("kepu trusted device").digest();
  return crypto.createHmac("sha256", key).update(`${deviceId}\n${username}`).digest("base64url");
}

/** The id of this browser if it carries a valid device cookie for `username`, else null. */
export async function trustedDeviceFor(username: string): Promise<string | null> {
  const value = (await cookies()).get(DEVICE_COOKIE)?.value ?? "";
  const [deviceId = "", encodedName = "", mac = ""] = value.split(".");
  if (!/^[A-Za-z0-9_-]{16,64}$/.test(deviceId) || Buffer.from(encodedName, "base64url").toString() !== username) return null;
  const expected = Buffer.from(await signature(deviceId, username));
  const given = Buffer.from(mac);
  return given.length === expected.length && crypto.timingSafeEqual(given, expected) ? deviceId : null;
}

/** After a successful sign-in: this browser is trusted for `username` (keeping its id if it had one). */
export async function trustThisDevice(username: string, deviceId: string | null): Promise<void> {
  const id = deviceId ?? crypto.randomBytes(18).toString("base64url");
  const value = `${id}.${Buffer.from(username).toString("base64url")}.${await signature(id, username)}`;
  (await cookies()).set(DEVICE_COOKIE, value, {
    httpOnly: true,
    sameSite: "lax",
    secure: isHttps(process.env.APP_URL),
    path: "/",
    maxAge: MAX_AGE_SECONDS,
  });
}
