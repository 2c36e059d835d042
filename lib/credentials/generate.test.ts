import { describe, expect, it } from "vitest";
import { generatePassword, generateUsername, PASSWORD_LENGTH, USERNAME_PATTERN } from "./generate";

describe("generated SMTP credentials", () => {
  it("usernames are smtpuser_ followed by 8 lowercase hex digits", () => {
    for (let i = 0; i < 100; i++) expect(generateUsername()).toMatch(USERNAME_PATTERN);
  });

  it("passwords are 32 characters of A-Z, a-z and 0-9", () => {
    const p = generatePassword();
    expect(p).toHaveLength(PASSWORD_LENGTH);
    expect(p).toMatch(/^[A-Za-z0-9]{32}$/);
  });

  it("password characters are spread evenly over the alphabet (no modulo bias)", () => {
    const counts = new Map<string, number>();
    const n = 2000;
    for (let i = 0; i < n; i++) for (const c of generatePassword()) counts.set(c, (counts.get(c) ?? 0) + 1);
    expect(counts.size).toBe(62);
    const expected = (n * PASSWORD_LENGTH) / 62;
    // chi-squared with 61 degrees of freedom; 120 is far beyond the 99.99th percentile (~108).
    let chi = 0;
    for (const c of counts.values()) chi += (c - expected) ** 2 / expected;
    expect(chi).toBeLessThan(120);
  });
});
