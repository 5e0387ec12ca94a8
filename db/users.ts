import "server-only";
import { and, asc, eq, sql } from "drizzle-orm";
import { placeholderEmail } from "@/lib/accounts";
import { isRole, ROLE_LABELS, type Role } from "@/lib/roles";
import { recordAudit } from "./audit";
import type { Auth } from "./auth";
import type { Db, Queryable } from "./client";
import { sessions, users } from "./schema";

export type Account = {
  id: string;
  username: string;
  name: string;
  role: Role;
  disabled: boolean;
  createdAt: Date;
};

function toAccount(row: typeof users.$inferSelect): Account {
  return {
    id: row.id,
    username: row.username ?? "",
    name: row.name,
    role: isRole(row.role) ? row.role : "viewer",
    disabled: row.banned ?? false,
    createdAt: row.createdAt,
  };
}

export function countUsers(db: Queryable): number {
  return db.select({ count: sql<number>`count(*)` }).from(users).get()?.count ?? 0;
}

export function listAccounts(db: Queryable): Account[] {
  return db.select().from(users).orderBy(asc(users.createdAt)).all().map(toAccount);
}

export function getAccount(db: Queryable, id: string): Account | undefined {
  const row = db.select().from(users).where(eq(users.id, id)).get();
  return row && toAccount(row);
}

export function findAccountByUsername(db: Queryable, username: string): Account | undefined {
  const row = db.select().from(users).where(eq(users.username, username)).get();
  return row && toAccount(row);
}

/** Administrators who can still sign in: there must always be at least one. */
export function countActiveAdmins(db: Queryable): number {
  return (
    db
      .select({ count: sql<number>`count(*)` })
      .from(users)
      .where(and(eq(users.role, "admin"), sql`coalesce(${users.banned}, 0) = 0`))
      .get()?.count ?? 0
  );
}

export class AccountError extends Error {}

export type NewAccount = { username: string; name: string; role: Role; password: string };

/** Create an account (the caller has checked the role of whoever asks). */
export async function createAccount(db: Queryable, auth: Auth, input: NewAccount): Promise<Account> {
  if (findAccountByUsername(db, input.username)) throw new AccountError(`用户名“${input.username}”已存在`);
  const { user } = await auth.api.createUser({
    body: {
      email: placeholderEmail(input.username),
      password: input.password,
      name: input.name,
      role: input.role,
      data: { username: input.username, displayUsername: input.username },
    },
  });
  const account = getAccount(db, user.id);
  if (!account) throw new AccountError("账号创建失败");
  return account;
}

/** Why an administrator's change to an account was not made. */
export type AccountChangeRefusal = "missing" | "last-admin";

function wouldLeaveNoAdmin(tx: Queryable, account: Account, change: { role?: Role; disabled?: boolean }): boolean {
  const staysActiveAdmin = (change.role ?? account.role) === "admin" && !(change.disabled ?? account.disabled);
  return account.role === "admin" && !account.disabled && !staysActiveAdmin && countActiveAdmins(tx) <= 1;
}

/**
 * Change an account's role or whether it is disabled, never leaving no administrator who can sign
 * in. The check and the change are one immediate (write-locked) transaction, so two administrators
 * demoting each other at the same moment cannot both succeed. Disabling ends the account's sessions.
 * With `changedBy`, what changed is recorded in the audit in the same transaction.
 */
export function changeAccount(
  db: Db,
  userId: string,
  change: { role?: Role; disabled?: boolean },
  changedBy: string | null = null,
): Account | AccountChangeRefusal {
  return db.transaction(
    (tx) => {
      const account = getAccount(tx, userId);
      if (!account) return "missing";
      if (wouldLeaveNoAdmin(tx, account, change)) return "last-admin";
      tx.update(users)
        .set({
          ...(change.role !== undefined ? { role: change.role } : {}),
          ...(change.disabled !== undefined ? { banned: change.disabled, banReason: change.disabled ? "管理员停用" : null } : {}),
          updatedAt: new Date(),
        })
        .where(eq(users.id, userId))
        .run();
      if (change.disabled) tx.delete(sessions).where(eq(sessions.userId, userId)).run();
      if (changedBy !== null) {
        const subject = `${account.name}（${account.username}）`;
        if (change.role !== undefined && change.role !== account.role) {
          recordAudit(tx, { action: "account.role", subject, detail: `角色：${ROLE_LABELS[account.role]} → ${ROLE_LABELS[change.role]}`, userId: changedBy });
        }
        if (change.disabled !== undefined && change.disabled !== account.disabled) {
          recordAudit(tx, { action: change.disabled ? "account.disable" : "account.enable", subject, userId: changedBy });
        }
      }
      return { ...account, ...change };
    },
    { behavior: "immediate" },
  );
}

/** Set a new password and end the user's open sessions. */
export async function resetPassword(auth: Auth, userId: string, password: string): Promise<void> {
  const context = await auth.$context;
  const hash = await context.password.hash(password);
  await context.internalAdapter.updatePassword(userId, hash);
  await context.internalAdapter.deleteUserSessions(userId);
}
