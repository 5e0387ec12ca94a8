/**
 * npx tsx --conditions=react-server bench/session-cost.ts DATABASE [CALLS]
 *
 * What one session check costs, on its own: a viewer signs in, then the check every page makes
 * (better-auth's getSession on the request's cookie, then the account's grants) runs CALLS times.
 * Beside it, its parts: the grants read, and the database floor — one indexed read of the session
 * row joined to its account, which any exact check (one that sees a logout or a disabled account on
 * the next request) has to make. Prints one JSON line (milliseconds).
 */
import { eq } from "drizzle-orm";
import { createAuth } from "@/db/auth";
import { openDatabase } from "@/db/client";
import { sessions, users } from "@/db/schema";
import { listUserGrants } from "@/db/user-grants";

const [database, callsText] = process.argv.slice(2);
if (!database) throw new Error("usage: session-cost.ts DATABASE [CALLS]");
const calls = Number(callsText ?? 3000);

function median(samples: number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? NaN;
}

function p95(samples: number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.95) - 1)] ?? NaN;
}

async function timeEach(count: number, run: () => unknown): Promise<number[]> {
  const samples: number[] = [];
  for (let i = 0; i < count; i += 1) {
    const start = performance.now();
    await run();
    samples.push(performance.now() - start);
  }
  return samples;
}

async function main() {
  const db = openDatabase(database ?? "");
  const auth = createAuth(db);
  const signedIn = await auth.api.signInUsername({ body: { username: "bench-viewer", password: "bench-viewer-pass" }, returnHeaders: true });
  const cookie = (signedIn.headers.getSetCookie?.() ?? []).map((c) => c.split(";")[0]).join("; ");
  const headers = new Headers({ cookie });
  const userId = signedIn.response.user.id;
  const token = signedIn.response.token;

  const check = async () => {
    const session = await auth.api.getSession({ headers });
    if (!session) throw new Error("会话无效");
    return listUserGrants(db, session.user.id);
  };
  const floor = () =>
    db
      .select({ userId: users.id, banned: users.banned, role: users.role, expiresAt: sessions.expiresAt })
      .from(sessions)
      .innerJoin(users, eq(users.id, sessions.userId))
      .where(eq(sessions.token, token))
      .get();

  await timeEach(200, check);
  const whole = await timeEach(calls, check);
  const getSession = await timeEach(calls, () => auth.api.getSession({ headers }));
  const grants = await timeEach(calls, () => listUserGrants(db, userId));
  const row = await timeEach(calls, floor);
  console.log(
    JSON.stringify({
      calls,
      medianMs: median(whole),
      p95Ms: p95(whole),
      parts: { "getSession": median(getSession), "授权读取": median(grants), "会话与账号一次索引读取（下限）": median(row) },
    }),
  );
  db.$client.close();
}

void main();
