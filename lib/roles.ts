/**
 * Who may do what. Every server action names one permission; the check is made on the server
 * from the signed-in user's role, never from what the page chose to show.
 */

export const ROLES = ["admin", "staff", "viewer"] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  admin: "管理员",
  staff: "工作人员",
  viewer: "只读",
};

export const ROLE_DESCRIPTIONS: Record<Role, string> = {
  admin: "管理账号、目标、指标目录，审核月度数据，也可填报",
  staff: "填报和更正数据、撰写分析说明",
  viewer: "查看全部内容，不能修改（适合领导）",
};

export const PERMISSIONS = [
  "figures:write",
  "comments:write",
  "targets:manage",
  "catalog:manage",
  "months:submit",
  "months:review",
  "workflow:manage",
  "audit:view",
  "users:manage",
  "demo:clear",
  "baseline:correct",
  "tokens:manage",
  "database:backup",
  "settings:manage",
  "units:manage",
  "bulletin:import",
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const GRANTS: Record<Permission, readonly Role[]> = {
  "figures:write": ["admin", "staff"],
  "comments:write": ["admin", "staff"],
  "targets:manage": ["admin"],
  "catalog:manage": ["admin"],
  "months:submit": ["admin", "staff"],
  "months:review": ["admin"],
  "workflow:manage": ["admin"],
  "audit:view": ["admin"],
  "users:manage": ["admin"],
  "demo:clear": ["admin"],
  /** 更正基线: the document's 2023 figures, with a reason. */
  "baseline:correct": ["admin"],
  "tokens:manage": ["admin"],
  "database:backup": ["admin"],
  "settings:manage": ["admin"],
  /** Towns and peers, their aliases, which indicators towns report, accounts limited to a town. */
  "units:manage": ["admin"],
  /** The provincial bulletin: its figures, its column mapping, and the aliases or peers it needs. */
  "bulletin:import": ["admin", "staff"],
};

export function isRole(value: unknown): value is Role {
  return ROLES.some((role) => role === value);
}

/**
 * Permissions an account may hold on top of its role: `reviewer` lets a leader (or any
 * non-admin account) approve or return a month and unlock an approved one.
 */
export const USER_GRANTS = ["reviewer"] as const;
export type UserGrant = (typeof USER_GRANTS)[number];

export const USER_GRANT_LABELS: Record<UserGrant, string> = { reviewer: "审核人" };

const GRANTED_PERMISSIONS: Record<UserGrant, readonly Permission[]> = {
  reviewer: ["months:review"],
};

/** Who is asking: a role alone, or an account with its role and the grants it holds. */
export type Principal = Role | { role: Role; grants?: readonly UserGrant[] } | null | undefined;

export function isUserGrant(value: unknown): value is UserGrant {
  return USER_GRANTS.some((grant) => grant === value);
}

export function can(principal: Principal, permission: Permission): boolean {
  if (!principal) return false;
  if (typeof principal === "string") return GRANTS[permission].includes(principal);
  return (
    GRANTS[permission].includes(principal.role) ||
    (principal.grants ?? []).some((grant) => GRANTED_PERMISSIONS[grant].includes(permission))
  );
}
