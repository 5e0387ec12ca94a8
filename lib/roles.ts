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
  admin: "管理账号、目标、指标目录、月份锁定，也可填报",
  staff: "填报和更正数据、撰写分析说明",
  viewer: "查看全部内容，不能修改（适合领导）",
};

export const PERMISSIONS = [
  "figures:write",
  "comments:write",
  "targets:manage",
  "catalog:manage",
  "periods:lock",
  "users:manage",
  "demo:clear",
  "baseline:correct",
  "tokens:manage",
  "database:backup",
  "settings:manage",
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const GRANTS: Record<Permission, readonly Role[]> = {
  "figures:write": ["admin", "staff"],
  "comments:write": ["admin", "staff"],
  "targets:manage": ["admin"],
  "catalog:manage": ["admin"],
  "periods:lock": ["admin"],
  "users:manage": ["admin"],
  "demo:clear": ["admin"],
  /** 更正基线: the document's 2023 figures, with a reason. */
  "baseline:correct": ["admin"],
  "tokens:manage": ["admin"],
  "database:backup": ["admin"],
  "settings:manage": ["admin"],
};

export function isRole(value: unknown): value is Role {
  return ROLES.some((role) => role === value);
}

export function can(role: Role | null | undefined, permission: Permission): boolean {
  return role ? GRANTS[permission].includes(role) : false;
}
