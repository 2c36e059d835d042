import net from "node:net";
import { describe, expect, it } from "vitest";
import { findFreePort } from "../testing/free-port";
import { smtpGreets } from "./smtp-probe";

describe("relay probe", () => {
  it("is down when nothing listens on the port", async () => {
    expect(await smtpGreets("127.0.0.1", await findFreePort())).toBe(false);
  });

  it("is down when the listener does not greet like SMTP", async () => {
    const server = net.createServer((s) => s.end("HTTP/1.1 400 Bad Request\r\n\r\n"));
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    try {
      expect(await smtpGreets("127.0.0.1", (server.address() as net.AddressInfo).port)).toBe(false);
    } finally {
      server.close();
    }
  });

  it("is up when the listener greets with 220", async () => {
    const server = net.createServer((s) => s.write("220 localhost ESMTP ready\r\n"));
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    try {
      expect(await smtpGreets("127.0.0.1", (server.address() as net.AddressInfo).port)).toBe(true);
    } finally {
      server.close();
    }
  });
});
