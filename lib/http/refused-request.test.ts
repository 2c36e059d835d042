import { describe, expect, it } from "vitest";
import { refusedRequest } from "./refused-request";

describe("requests refused before the portal", () => {
  it("answers TRACE, TRACK and CONNECT with 405 and the methods it takes", () => {
    for (const method of ["TRACE", "trace", "TRACK", "CONNECT"]) expect(refusedRequest({ method, url: "/" })).toMatchObject({ status: 405, headers: { Allow: expect.stringContaining("GET") } });
  });

  it("answers an address with a NUL character with 400, saying so", () => {
    for (const url of ["/w/acme/smtp-accounts?q=%00", "/w/acme/smtp-accounts/acct%00x", "/api/v1/workspaces/acme/messages?status=%00"])
      expect(refusedRequest({ method: "GET", url })).toMatchObject({ status: 400, text: expect.stringContaining("NUL character") });
  });

  it("lets everything else through", () => {
    for (const [method, url] of [["GET", "/w/acme/smtp-accounts?q=100%25"], ["POST", "/w/acme/smtp-accounts"], ["OPTIONS", "/api/health"], ["HEAD", "/"]])
      expect(refusedRequest({ method: method!, url: url! })).toBeNull();
  });
});
