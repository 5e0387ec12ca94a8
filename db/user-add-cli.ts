/**
 * npm run user:add -- USERNAME ROLE [--name 显示名]
 * Creates an account from the shell (the first administrator, for example). The password comes from
 * the PASSWORD environment variable or is asked for twice, without echo. On a first install it may
 * run before the first start: a missing database is then created (and announced loudly, as db:migrate does).
 */
import { stdin, stdout } from "node:process";
import readline from "node:readline";
import { Writable } from "node:stream";
import { displayNameSchema, passwordSchema, roleSchema, usernameSchema } from "@/lib/accounts";
import { ROLE_LABELS, ROLES } from "@/lib/roles";
import { createAuth } from "./auth";
import { databasePath } from "./client";
import { openOrCreate, runScript } from "./cli";
import { AccountError, createAccount } from "./users";

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

function askHidden(question: string): Promise<string> {
  stdout.write(question);
  // the terminal echoes nothing: readline writes into a sink
  const sink = new Writable({ write: (_chunk, _encoding, done) => done() });
  const rl = readline.createInterface({ input: stdin, output: sink, terminal: true });
  return new Promise((resolve) => {
    rl.question("", (answer) => {
      rl.close();
      stdout.write("\n");
      resolve(answer);
    });
  });
}

async function readPassword(): Promise<string> {
  if (process.env.PASSWORD !== undefined) return process.env.PASSWORD;
  if (!stdin.isTTY) fail("请通过环境变量 PASSWORD 提供密码，或在终端中运行以输入密码。");
  const first = await askHidden("密码（至少 8 位，输入时不显示）：");
  const second = await askHidden("再次输入密码：");
  if (first !== second) fail("两次输入的密码不一致。");
  return first;
}

async function main() {
  const args = process.argv.slice(2);
  const nameAt = args.indexOf("--name");
  const name = nameAt >= 0 ? args.splice(nameAt, 2)[1] : undefined;
  const [rawUsername, rawRole] = args;
  if (!rawUsername || !rawRole) fail(`用法：npm run user:add -- 用户名 角色 [--name 姓名]\n角色：${ROLES.map((r) => `${r}（${ROLE_LABELS[r]}）`).join("、")}`);

  const username = usernameSchema.safeParse(rawUsername);
  if (!username.success) fail(username.error.issues[0]?.message ?? "用户名无效");
  const role = roleSchema.safeParse(rawRole);
  if (!role.success) fail(`角色应为 ${ROLES.join("、")} 之一`);
  const displayName = displayNameSchema.safeParse(name ?? username.data);
  if (!displayName.success) fail(displayName.error.issues[0]?.message ?? "姓名无效");
  const password = passwordSchema.safeParse(await readPassword());
  if (!password.success) fail(password.error.issues[0]?.message ?? "密码无效");

  const db = openOrCreate(databasePath());
  try {
    const account = await createAccount(db, createAuth(db), {
      username: username.data,
      name: displayName.data,
      role: role.data,
      password: password.data,
    });
    console.log(`已创建${ROLE_LABELS[account.role]}账号：${account.username}（${account.name}）`);
  } catch (error) {
    if (error instanceof AccountError) fail(error.message);
    throw error;
  } finally {
    db.$client.close();
  }
}

runScript(main);
