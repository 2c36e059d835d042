import { describe, expect, it } from "vitest";
import { ZFromInput } from "./create-account";

describe("an account's From address as typed", () => {
  it("is stored lower-case, with an internationalised domain in punycode as domains are", () => {
    expect(ZFromInput.parse(" NoReply@Acme.test ")).toBe("noreply@acme.test");
    expect(ZFromInput.parse("info@Bücher.example")).toBe("info@xn--bcher-kva.example");
    expect(ZFromInput.parse("*@bücher.example")).toBe("*@xn--bcher-kva.example");
  });

  it("is refused when it is not an address: dots at an end or doubled, over 64 characters before the @, no domain", () => {
    for (const text of [".@acme.test", "a..b@acme.test", "a.@acme.test", `${"a".repeat(65)}@acme.test`, "@acme.test", "noreply", "noreply@localhost", "noreply@acme.test?x", "a b@acme.test"])
      expect(ZFromInput.safeParse(text).success, text).toBe(false);
  });
});
