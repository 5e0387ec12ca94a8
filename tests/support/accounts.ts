import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Role } from "@/lib/roles";
import { getAuth } from "@/db/auth";
import { getDb, openDatabase } from "@/db/client";
import { seedDatabase } from "@/db/seed";
import { createAccount, type Account } from "@/db/users";
import { anonymousRequest, carrySessionCookie } from "./next-request";

export const PASSWORD = "correct-horse-9";

/** Point the app's database at a fresh seeded temporary file; returns a cleanup function. */
export function openTemporaryAppDatabase(options: { demo: boolean } = { demo: true }): () => void {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "kepu-app-"));
  const file = path.join(dir, "app.db");
  process.env.DATABASE_PATH = file;
  // created as db:migrate would on a first start; the app itself never creates its database
  globalThis.kepuDatabase = { file, db: openDatabase(file) };
  globalThis.kepuAuth = undefined;
  seedDatabase(getDb(), options);
  return () => {
    globalThis.kepuDatabase?.db.$client.close();
    globalThis.kepuDatabase = undefined;
    globalThis.kepuAuth = undefined;
    fs.rmSync(dir, { recursive: true, force: true });
  };
}

export async function addAccount(username: string, role: Role, name = username): Promise<Account> {
  return createAccount(getDb(), getAuth(), { username, name, role, password: PASSWORD });
}

/** Sign in through better-auth and carry the session cookie it sets into the stand-in request. */
export async function signInAs(username: string, password = PASSWORD): Promise<void> {
  anonymousRequest();
  const { headers } = await getAuth().api.signInUsername({ body: { username, password }, returnHeaders: true });
  const setCookie = headers.get("set-cookie") ?? "";
  const match = /(kepu\.session_token)=([^;]+)/.exec(setCookie);
  if (!match?.[1] || !match[2]) throw new Error(`no session cookie for ${username}`);
  carrySessionCookie(match[1], match[2]);
}
