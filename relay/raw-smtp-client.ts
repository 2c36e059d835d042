// For tests: an SMTP client over a raw socket that sends the message bytes exactly as given
// (nodemailer rewrites bare CR and LF to CRLF, which hides the shapes the relay must judge).
import net from "node:net";
import tls from "node:tls";

export type RawSession = { reply(): Promise<string>; command(line: string): Promise<string>; write(text: string): void; close(): void };

/** Connect to the STARTTLS port, EHLO, STARTTLS, EHLO, AUTH PLAIN: ready for MAIL FROM. */
export async function openAuthenticated(port: number, ca: string, username: string, password: string): Promise<RawSession> {
  const plain = net.connect({ host: "127.0.0.1", port });
  let session = wrap(plain);
  await expectCode(session.reply(), "220");
  await expectCode(session.command("EHLO client.test"), "250");
  await expectCode(session.command("STARTTLS"), "220");
  const secure = tls.connect({ socket: plain, ca: [ca], servername: "localhost" });
  await new Promise<void>((resolve, reject) => secure.once("secureConnect", resolve).once("error", reject));
  session = wrap(secure);
  await expectCode(session.command("EHLO client.test"), "250");
  await expectCode(session.command(`AUTH PLAIN ${Buffer.from(`\0${username}\0${password}`).toString("base64")}`), "235");
  return session;
}

/** MAIL, RCPT, DATA with the raw bytes (dot-stuffed); the final reply line. */
export async function sendRaw(session: RawSession, from: string, to: string, raw: Buffer): Promise<string> {
  for (const line of [`MAIL FROM:<${from}>`, `RCPT TO:<${to}>`]) {
    const reply = await session.command(line);
    if (!reply.startsWith("250")) return reply;
  }
  const ready = await session.command("DATA");
  if (!ready.startsWith("354")) return ready;
  const stuffed = raw.toString("latin1").replace(/(^|\r\n)\./g, "$1..");
  return session.command(`${stuffed}${stuffed.endsWith("\r\n") ? "" : "\r\n"}.`);
}

function wrap(socket: net.Socket | tls.TLSSocket): RawSession {
  let buffer = "";
  const waiters: (() => void)[] = [];
  socket.removeAllListeners("data");
  socket.on("data", (chunk: Buffer) => {
    buffer += chunk.toString("latin1");
    for (const w of waiters.splice(0)) w();
  });
  socket.on("error", () => undefined);
  socket.on("close", () => {
    for (const w of waiters.splice(0)) w();
  });
  const reply = async (): Promise<string> => {
    const deadline = Date.now() + 10_000;
    for (;;) {
      const m = /^(?:\d{3}-[^\r\n]*\r\n)*(\d{3}(?: [^\r\n]*)?)\r\n/.exec(buffer);
      if (m) {
        buffer = buffer.slice(m[0].length);
        return m[1]!;
      }
      if (socket.destroyed || Date.now() > deadline) throw new Error(`no SMTP reply; got ${JSON.stringify(buffer)}`);
      await new Promise<void>((resolve) => {
        waiters.push(resolve);
        setTimeout(resolve, 200);
      });
    }
  };
  return {
    reply,
    command(line) {
      socket.write(Buffer.from(`${line}\r\n`, "latin1"));
      return reply();
    },
    write: (text) => void socket.write(Buffer.from(text, "latin1")),
    close: () => socket.destroy(),
  };
}

async function expectCode(reply: Promise<string>, code: string): Promise<void> {
  const line = await reply;
  if (!line.startsWith(code)) throw new Error(`expected ${code}, got ${line}`);
}
