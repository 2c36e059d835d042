import { describe, expect, it } from "vitest";
import { refusalResponse, refusedRequest } from "./refused-request";

describe("requests refused before the portal", () => {
  it("answers TRACE, TRACK and CONNECT with 405 and the methods it takes", () => {
    for (const method of ["TRACE", "trace", "TRACK", "CONNECT"]) expect(refusedRequest({ method, url: "/" })).toMatchObject({ status: 405, headers: { Allow: expect.stringContaining("GET") } });
  });

  it("answers an address with a NUL character with 400, saying so", () => {
    for (const url of ["/w/acme/smtp-accounts?q=%00", "/w/acme/smtp-accounts/acct%00x", "/api/v1/workspaces/acme/messages?status=%00"])
      expect(refusedRequest({ method: "GET", url })).toMatchObject({ status: 400, text: expect.stringContaining("NUL character") });
  });

  it("answers a path whose percent-encoding is not UTF-8 with 400, naming the segment", () => {
    for (const url of ["/api/v1/workspaces/acme/messages/%E0%A4%A", "/api/v1/workspaces/%E0%A4%A/smtp-accounts", "/w/acme/smtp-accounts/%FF", "/w/acme/smtp-accounts/%", "/api/v1/workspaces/acme/messages/%C0%AF?x=1"])
      expect(refusedRequest({ method: "GET", url }), url).toMatchObject({ status: 400, text: expect.stringContaining("malformed percent-encoding") });
  });

  it("tells the management API's paths in its problem details, and the pages in text", () => {
    const refusal = refusedRequest({ method: "GET", url: "/api/v1/workspaces/acme/messages/%FF" })!;
    const api = refusalResponse(refusal, "/api/v1/workspaces/acme/messages/%FF");
    expect(api).toMatchObject({ status: 400, contentType: "application/problem+json" });
    expect(JSON.parse(api.body)).toMatchObject({ status: 400, title: "Bad request", code: "INVALID_INPUT", detail: expect.stringMatching(/^the address has a malformed percent-encoding in "%FF"/) });
    expect(refusalResponse(refusal, "/w/acme/x/%FF")).toMatchObject({ status: 400, contentType: "text/plain; charset=utf-8", body: refusal.text });
  });

  it("lets everything else through", () => {
    for (const [method, url] of [["GET", "/w/acme/smtp-accounts?q=100%25"], ["GET", "/w/acme/smtp-accounts?q=%FF%"], ["GET", "/w/acme/smtp-accounts/acct%2Dx"], ["GET", "/help/caf%C3%A9"], ["POST", "/w/acme/smtp-accounts"], ["OPTIONS", "/api/health"], ["HEAD", "/"]])
      expect(refusedRequest({ method: method!, url: url! })).toBeNull();
  });
});
