import "server-only";
import { eq } from "drizzle-orm";
import type { Auth } from "./auth";
import type { Db } from "./client";
import { appSettings } from "./schema";
import { AccountError, countUsers, createAccount, type Account, type NewAccount } from "./users";

const SETUP_CLAIM = "first_admin_created_at";

/**
 * Create the first administrator. Only one caller can ever succeed: the claim row is inserted
 * atomically, and setup is refused for good once any account exists.
 */
export async function createFirstAdmin(db: Db, auth: Auth, input: Omit<NewAccount, "role">): Promise<Account> {
  if (countUsers(db) > 0) throw new AccountError("系统已完成初始化，请直接登录。");
  const claimed = db.insert(appSettings).values({ key: SETUP_CLAIM, value: new Date().toISOString() }).onConflictDoNothing().run();
  if (claimed.changes === 0) throw new AccountError("系统已完成初始化，请直接登录。");
  try {
    return await createAccount(db, auth, { ...input, role: "admin" });
  } catch (error) {
    db.delete(appSettings).where(eq(appSettings.key, SETUP_CLAIM)).run();
    throw error;
  }
}
