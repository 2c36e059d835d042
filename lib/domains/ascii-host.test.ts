import { describe, expect, it } from "vitest";
import { asciiHost } from "./ascii-host";

describe("a host name in ASCII", () => {
  it("lower-cases it, drops a trailing dot and writes an IDN in punycode", () => {
    expect(asciiHost(" Example.COM. ")).toBe("example.com");
    expect(asciiHost("Bücher.example")).toBe("xn--bcher-kva.example");
  });

  it("refuses text the URL parser would cut short or decode, instead of saving a different host", () => {
    for (const text of ["evil.test\\acme.test", "evil.test?x", "evil.test#frag", "a.b%2ec", "exa%6dple.com", "a b.test", "a\u0000.test", "user@acme.test", "acme.test:25", "[::1]", "a/b.test"])
      expect(asciiHost(text), JSON.stringify(text)).toBe("");
  });
});
