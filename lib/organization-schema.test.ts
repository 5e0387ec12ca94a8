import { describe, expect, it } from "vitest";
import { organizationSchema } from "./organization-schema";

describe("the organization's names", () => {
  it("accept a full name and a short name, trimmed", () => {
    expect(organizationSchema.parse({ name: " 攀枝花市西区科学技术协会 ", shortName: "西区" })).toEqual({ name: "攀枝花市西区科学技术协会", shortName: "西区" });
  });

  it("refuse blanks, over-long names, control characters and characters a file name cannot hold", () => {
    const issues = (input: Record<string, string>) => organizationSchema.safeParse(input).error?.issues.map((issue) => issue.path[0]) ?? [];
    expect(issues({ name: " ", shortName: "" }).sort()).toEqual(["name", "shortName"]);
    expect(issues({ name: "科".repeat(61), shortName: "西区" })).toEqual(["name"]);
    expect(issues({ name: "攀枝花市\n西区科协", shortName: "西区" })).toEqual(["name"]);
    expect(issues({ name: "攀枝花市西区科协", shortName: "西/区" })).toEqual(["shortName"]);
  });
});
