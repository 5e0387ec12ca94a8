import { describe, expect, it } from "vitest";
import { maskUrl, redact, secretsOfUrl } from "./secrets";

const webhook = "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=693a91f6-7abc-4bc4-97a0-0ec2sifa5aaa";
const smtp = "smtps://kepu%40example.cn:p%40ss-w0rd!@smtp.example.cn:465";

describe("masking secrets", () => {
  it("hides the robot's key but keeps where it points", () => {
    expect(maskUrl(webhook)).toBe("https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=***");
  });

  it("hides an SMTP password but keeps the user and server", () => {
    const masked = maskUrl(smtp);
    expect(masked).toBe("smtps://kepu%40example.cn:***@smtp.example.cn:465");
    expect(masked).not.toContain("w0rd");
  });

  it("hides a value that is not a URL at all rather than show it", () => {
    expect(maskUrl("not a url with secret")).toBe("***");
  });

  it("finds the secrets of a URL, encoded and decoded", () => {
    expect(secretsOfUrl(webhook)).toContain("693a91f6-7abc-4bc4-97a0-0ec2sifa5aaa");
    expect(secretsOfUrl(smtp)).toEqual(expect.arrayContaining(["p@ss-w0rd!", "p%40ss-w0rd!"]));
  });

  it("scrubs every secret out of a library's error message", () => {
    const message = `request to ${webhook} failed; auth p@ss-w0rd! rejected`;
    const scrubbed = redact(message, [...secretsOfUrl(webhook), ...secretsOfUrl(smtp)]);
    expect(scrubbed).not.toContain("693a91f6");
    expect(scrubbed).not.toContain("w0rd");
    expect(scrubbed).toContain("key=***");
  });
});
