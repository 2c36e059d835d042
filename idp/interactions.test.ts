import { describe, expect, it } from "vitest";
import { inputProblem, loggableEmail } from "./interactions";

describe("the IdP's sign-in form fields", () => {
  it("logs an email address, but not text typed into the email field that is not one (often the password)", () => {
    expect(loggableEmail("ada@acme.test")).toBe('"ada@acme.test"');
    expect(loggableEmail("S3cret-Passw0rd!")).not.toContain("S3cret");
    expect(loggableEmail("hunter2 ada@acme.test")).not.toContain("hunter2");
  });

  it("refuses an email with control characters or over 254 characters, and a password over 1,024, saying which", () => {
    expect(inputProblem("ada\u0000@acme.test", "x")).toMatchObject({ field: "email", message: expect.stringContaining("control characters") });
    expect(inputProblem(`${"a".repeat(250)}@a.test`, "x")).toMatchObject({ field: "email" });
    expect(inputProblem("ada@acme.test", "p".repeat(1025))).toMatchObject({ field: "password", message: expect.stringContaining("1024") });
    expect(inputProblem("ada@acme.test", "p".repeat(1024))).toBeUndefined();
  });
});
