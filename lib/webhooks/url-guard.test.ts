import { describe, expect, it } from "vitest";
import { checkWebhookUrl, guardedLookup, isBlockedAddress, PRIVATE_TARGET_MESSAGE } from "./url-guard";

const BLOCKED = [
  ["loopback", "127.0.0.1"],
  ["loopback, elsewhere in 127/8", "127.45.6.7"],
  ["unspecified", "0.0.0.0"],
  ["10/8", "10.1.2.3"],
  ["172.16/12", "172.16.0.1"],
  ["172.16/12, its top", "172.31.255.254"],
  ["192.168/16", "192.168.1.10"],
  ["100.64/10 (carrier-grade NAT)", "100.64.0.1"],
  ["169.254/16 (link-local, cloud metadata)", "169.254.169.254"],
  ["multicast", "224.0.0.251"],
  ["broadcast", "255.255.255.255"],
  ["IPv6 loopback", "::1"],
  ["IPv6 unspecified", "::"],
  ["IPv6 unique local fc00::/7", "fd12:3456::1"],
  ["IPv6 unique local, fc half", "fc00::5"],
  ["IPv6 link-local", "fe80::1"],
  ["IPv6 multicast", "ff02::1"],
  ["IPv4-mapped loopback, dotted", "::ffff:127.0.0.1"],
  ["IPv4-mapped private, hex (as URL parsing writes it)", "::ffff:a00:1"],
  ["IPv4-mapped link-local, hex", "::ffff:a9fe:a9fe"],
  ["NAT64 of a private address", "64:ff9b::c0a8:101"],
  ["6to4 of loopback (2002::/16 carries an IPv4 address)", "2002:7f00:1::1"],
  ["6to4 of the metadata service", "2002:a9fe:a9fe::"],
  ["SIIT IPv4-translated loopback (::ffff:0:0:0/96)", "::ffff:0:7f00:1"],
  ["SIIT IPv4-translated private address", "::ffff:0:a00:1"],
  ["local-use NAT64 (64:ff9b:1::/48)", "64:ff9b:1::a00:1"],
  ["Teredo (2001::/32)", "2001::1"],
  ["Teredo with an obfuscated client address", "2001:0:4136:e378:8000:63bf:3fff:fdd2"],
  ["discard-only 100::/64", "100::1"],
  ["documentation 2001:db8::/32", "2001:db8::1"],
  ["bracketed IPv6 loopback", "[::1]"],
  ["not an address at all", "example.com"],
] as const;

const PUBLIC = ["93.184.215.14", "8.8.8.8", "172.32.0.1", "100.128.0.1", "2606:4700:4700::1111", "::ffff:8.8.8.8", "::ffff:0:808:808", "64:ff9b::808:808", "11.0.0.1", "2002:808:808::1", "2001:4860:4860::8888", "2a00:1450::1"];

describe("the webhook SSRF guard", () => {
  it.each(BLOCKED)("blocks %s (%s)", (_name, address) => {
    expect(isBlockedAddress(address)).toBe(true);
  });

  it.each(PUBLIC)("allows the public address %s", (address) => {
    expect(isBlockedAddress(address)).toBe(false);
  });

  it("refuses a private IP literal in a URL with a message that says why", async () => {
    await expect(checkWebhookUrl("https://10.0.0.5/hook", { allowPrivate: false })).rejects.toMatchObject({ code: "INVALID_INPUT", message: PRIVATE_TARGET_MESSAGE, field: "url" });
    await expect(checkWebhookUrl("http://[::ffff:127.0.0.1]:8080/", { allowPrivate: false })).rejects.toMatchObject({ message: PRIVATE_TARGET_MESSAGE });
  });

  it("refuses a host name when any of its addresses is private", async () => {
    const resolve = async () => [
      { address: "93.184.215.14", family: 4 },
      { address: "10.0.0.1", family: 4 },
    ];
    await expect(checkWebhookUrl("https://hooks.example.com/x", { allowPrivate: false, resolve })).rejects.toMatchObject({ message: PRIVATE_TARGET_MESSAGE });
  });

  it("accepts a host name whose addresses are all public", async () => {
    const resolve = async () => [{ address: "93.184.215.14", family: 4 }];
    const url = await checkWebhookUrl("https://hooks.example.com/x?y=1", { allowPrivate: false, resolve });
    expect(url.href).toBe("https://hooks.example.com/x?y=1");
  });

  it("refuses other schemes and credentials in the URL", async () => {
    await expect(checkWebhookUrl("ftp://example.com/", { allowPrivate: true })).rejects.toMatchObject({ code: "INVALID_INPUT", field: "url" });
    await expect(checkWebhookUrl("https://user:pw@example.com/", { allowPrivate: true })).rejects.toMatchObject({ code: "INVALID_INPUT", message: expect.stringMatching(/user name or password/) });
    await expect(checkWebhookUrl("not a url", { allowPrivate: true })).rejects.toMatchObject({ code: "INVALID_INPUT" });
  });

  it("lets loopback through when WEBHOOK_ALLOW_PRIVATE is on", async () => {
    expect((await checkWebhookUrl("http://127.0.0.1:9999/hook", { allowPrivate: true })).port).toBe("9999");
  });

  it("hands the socket only an address it checked, and refuses a name that rebinds to a private address", async () => {
    let answer = [{ address: "93.184.215.14", family: 4 }];
    const lookup = guardedLookup({ allowPrivate: false, resolve: async () => answer });
    const call = (all: boolean) => new Promise<unknown[]>((done) => lookup("hooks.example.com", { all }, (...args) => done(args)));
    expect(await call(false)).toEqual([null, "93.184.215.14", 4]);
    answer = [{ address: "127.0.0.1", family: 4 }];
    const [error] = await call(true);
    expect(error).toMatchObject({ code: "WEBHOOK_BLOCKED_TARGET" });
  });
});
