/**
 * The app's better-auth, as made for a database; free of Next so that the front door (server.ts)
 * checks a session exactly as pages do. Pages and actions use ./auth.ts.
 */
import { betterAuth } from "better-auth";
import { drizzleAdapter } from "better-auth/adapters/drizzle";
import { nextCookies } from "better-auth/next-js";
import { admin, username } from "better-auth/plugins";
import { createAccessControl } from "better-auth/plugins/access";
import { eq } from "drizzle-orm";
import { USERNAME_PATTERN } from "@/lib/accounts";
import { isRole, type Role } from "@/lib/roles";
import { isWriteRefusal, type Db } from "./client";
import { AUTH_SECRET_KEY } from "./defaults";
import { accounts, appSettings, sessions, users, verifications } from "./schema";

export const SESSION_COOKIE = "kepu.session_token";
const SESSION_SECONDS = 3 * 24 * 60 * 60;

/** Who may call better-auth's admin functions; our own role check (lib/roles) comes first anyway. */
const accessControl = createAccessControl({
  user: ["create", "list", "set-role", "ban", "set-password", "get", "update"],
  session: ["list", "revoke"],
} as const);
const accessRoles = {
  admin: accessControl.newRole({
    user: ["create", "list", "set-role", "ban", "set-password", "get", "update"],
    session: ["list", "revoke"],
  }),
  staff: accessControl.newRole({ user: [], session: [] }),
  viewer: accessControl.newRole({ user: [], session: [] }),
};

export function createAuth(db: Db) {
  const appUrl = process.env.APP_URL;
  return betterAuth({
    appName: "科普KPI看板",
    secret: authSecret(db),
    baseURL: appUrl ?? "http://localhost:3000",
    database: drizzleAdapter(db, {
      provider: "sqlite",
      schema: { user: users, session: sessions, account: accounts, verification: verifications },
    }),
    emailAndPassword: { enabled: true, disableSignUp: true, minPasswordLength: 8, maxPasswordLength: 128 },
    session: { expiresIn: SESSION_SECONDS, updateAge: 60 * 60 },
    // sign-in attempts are throttled per account and per address by db/sign-in-attempts.ts
    rateLimit: { enabled: false },
    telemetry: { enabled: false },
    advanced: {
      cookiePrefix: "kepu",
      useSecureCookies: appUrl?.startsWith("https://") ?? false,
      defaultCookieAttributes: { httpOnly: true, sameSite: "lax" },
    },
    plugins: [
      username({
        minUsernameLength: 2,
        maxUsernameLength: 32,
        usernameValidator: (name) => USERNAME_PATTERN.test(name),
      }),
      admin({ ac: accessControl, roles: accessRoles, defaultRole: "viewer", adminRoles: ["admin"] }),
      nextCookies(),
    ],
  });
}

export type Auth = ReturnType<typeof createAuth>;

/**
 * The account behind a request's session cookie, or null: the session exists and has not expired
 * (better-auth), the account is not disabled and has a role this app knows. No cookie cache: a
 * logout, a disabled account or a changed password counts on the very next request.
 */
export async function signedInAccount<User extends { id: string; role?: string | null; banned?: boolean | null }>(
  auth: SessionReader<User>,
  headers: Headers,
): Promise<(User & { role: Role }) | null> {
  const session = await readSession(auth, headers);
  if (!session) return null;
  const { user } = session;
  const role = user.role;
  if (user.banned || !isRole(role)) return null;
  return { ...user, role };
}

type SessionReader<User> = {
  api: { getSession(context: { headers: Headers; query?: { disableRefresh?: boolean } }): Promise<{ user: User } | null> };
};

/**
 * Reading a session renews its expiry once an hour while it is used — a write, and pages read the
 * session while rendering. When the database refuses writes (its file deleted, the disk full), the
 * session is read as it stands instead of failing the page; the one write left on that path is the
 * removal of an expired session, and an expired session is no session.
 */
async function readSession<User>(auth: SessionReader<User>, headers: Headers): Promise<{ user: User } | null> {
  try {
    return await auth.api.getSession({ headers });
  } catch (error) {
    if (!isWriteRefusal(error)) throw error;
  }
  try {
    return await auth.api.getSession({ headers, query: { disableRefresh: true } });
  } catch (error) {
    if (isWriteRefusal(error)) return null;
    throw error;
  }
}

/**
 * The key that signs session cookies: BETTER_AUTH_SECRET when set, otherwise the one generated when
 * the database was first opened (./defaults.ts), so sessions survive a restart without any
 * configuration. Read only: the first page after a start makes this, and a page never writes.
 */
function authSecret(db: Db): string {
  const fromEnv = process.env.BETTER_AUTH_SECRET;
  if (fromEnv) return fromEnv;
  const stored = db.select().from(appSettings).where(eq(appSettings.key, AUTH_SECRET_KEY)).get();
  if (!stored) throw new Error("数据库中没有会话密钥：请重启服务（打开数据库时会生成）");
  return stored.value;
}
