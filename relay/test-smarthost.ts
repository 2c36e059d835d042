// For tests: a loopback smarthost (plain SMTP, no AUTH) standing in for the relay's upstream. It
// keeps every message it accepts; `refuse` decides per recipient (a reply to refuse with, or
// nothing to accept), so a test can script hard bounces (550 5.1.1) and soft ones (452 4.2.2);
// `dataDelayMs` holds each DATA reply back, for a slow upstream.
import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";

export type SmarthostMessage = { from: string; to: string[]; raw: string };
export type SmarthostReply = { code: number; text: string };

export type TestSmarthost = {
  received: SmarthostMessage[];
  listen(): Promise<void>;
  close(): Promise<void>;
  port(): number;
};

export function testSmarthost(options: { port?: number; refuse?: (address: string) => SmarthostReply | null; dataDelayMs?: number } = {}): TestSmarthost {
  const received: SmarthostMessage[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS", "AUTH"],
    disableReverseLookup: true,
    logger: false,
    onRcptTo(address, _session, callback) {
      const reply = options.refuse?.(address.address);
      if (!reply) return callback();
      callback(Object.assign(new Error(reply.text), { responseCode: reply.code }));
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", () => {
        received.push({ from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "", to: session.envelope.rcptTo.map((r) => r.address), raw: Buffer.concat(chunks).toString() });
        setTimeout(() => callback(null, "2.0.0 Ok: upstream queued"), options.dataDelayMs ?? 0);
      });
    },
  });
  return {
    received,
    listen: () => new Promise<void>((resolve) => server.listen(options.port ?? 0, "127.0.0.1", () => resolve())),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
    port: () => (server.server.address() as AddressInfo).port,
  };
}
