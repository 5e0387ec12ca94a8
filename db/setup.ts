import "server-only";
import { eq } from "drizzle-orm";
import type { Auth } from "./auth";
import { CREATED_EMPTY_KEY, type Db } from "./client";
import { appSettings } from "./schema";
import { AccountError, countUsers, createAccount, type Account, type NewAccount } from "./users";

const SETUP_CLAIM = "first_admin_created_at";

/**
 * "open" only on a database that was created empty (by db:migrate or the first start, which record
 * it) and has never had an account; "done" once an account exists; "not-new" for a database without
 * accounts that was not created empty here, e.g. an empty file that took the place of a lost one.
 */
export function setupStatus(db: Db): "open" | "done" | "not-new" {
  if (countUsers(db) > 0 || hasSetting(db, SETUP_CLAIM)) return "done";
  return hasSetting(db, CREATED_EMPTY_KEY) ? "open" : "not-new";
}

function hasSetting(db: Db, key: string): boolean {
  return db.select({ key: appSettings.key }).from(appSettings).where(eq(appSettings.key, key)).get() !== undefined;
}

export const SETUP_NOT_NEW_MESSAGE =
  "这个数据库中没有任何账号，但它不是新建的空数据库，因此不开放初始化。如果原数据库丢失，请管理员用 npm run db:restore 从备份恢复；" +
  "确需在此库上建立管理员，请在服务器上运行 npm run user:add -- 用户名 admin。";

/**
 * Create the first administrator. Only one caller can ever succeed: the claim row is inserted
 * atomically, and setup is refused for good once any account exists.
 */
export async function createFirstAdmin(db: Db, auth: Auth, input: Omit<NewAccount, "role">): Promise<Account> {
  const status = setupStatus(db);
  if (status === "not-new") throw new AccountError(SETUP_NOT_NEW_MESSAGE);
  if (status === "done") throw new AccountError("系统已完成初始化，请直接登录。");
  const claimed = db.insert(appSettings).values({ key: SETUP_CLAIM, value: new Date().toISOString() }).onConflictDoNothing().run();
  if (claimed.changes === 0) throw new AccountError("系统已完成初始化，请直接登录。");
  try {
    return await createAccount(db, auth, { ...input, role: "admin" });
  } catch (error) {
    db.delete(appSettings).where(eq(appSettings.key, SETUP_CLAIM)).run();
    throw error;
  }
}
