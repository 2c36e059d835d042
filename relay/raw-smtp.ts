// A line-oriented SMTP client over a raw socket, with STARTTLS: for tests that check the
// relay's replies word for word, as a person typing into openssl s_client would see them.
import net from "node:net";
import tls from "node:tls";

/** `localAddress` picks the client's source address (127.0.0.2 is loopback too, and not 127.0.0.1). */
export type RawSmtpOptions = { port: number; ca: string; implicitTls?: boolean; host?: string; servername?: string; localAddress?: string };

export class RawSmtp {
  private buffer = "";
  private waiters: (() => void)[] = [];
  private constructor(
    private socket: net.Socket | tls.TLSSocket,
    private readonly tlsOptions: { ca: string; servername: string },
  ) {
    this.listen();
  }

  static async connect({ port, ca, implicitTls = false, host = "127.0.0.1", servername = "localhost", localAddress }: RawSmtpOptions): Promise<RawSmtp> {
    const socket = implicitTls ? tls.connect({ host, port, ca: [ca], servername }) : net.connect({ host, port, localAddress });
    await new Promise<void>((resolve, reject) => {
      socket.once(implicitTls ? "secureConnect" : "connect", () => resolve());
      socket.once("error", reject);
    });
    return new RawSmtp(socket, { ca, servername });
  }

  /** Connect, greeting, EHLO, STARTTLS, EHLO: ready for AUTH, as in the article's openssl session. */
  static async secured(options: Omit<RawSmtpOptions, "implicitTls">): Promise<RawSmtp> {
    const c = await RawSmtp.connect(options);
    await c.reply();
    await c.command("EHLO x");
    await c.startTls();
    await c.command("EHLO x");
    return c;
  }

  private listen() {
    this.socket.on("data", (chunk: Buffer) => {
      this.buffer += chunk.toString("utf8");
      for (const w of this.waiters.splice(0)) w();
    });
  }

  /** The next complete reply (all lines of a multi-line one). */
  async reply(): Promise<string[]> {
    const deadline = Date.now() + 5000;
    for (;;) {
      const lines = this.buffer.split("\r\n");
      const done = lines.findIndex((l) => /^\d{3} /.test(l) || /^\d{3}$/.test(l));
      if (done !== -1 && done < lines.length - 1) {
        const reply = lines.slice(0, done + 1);
        this.buffer = lines.slice(done + 1).join("\r\n");
        return reply;
      }
      if (Date.now() > deadline) throw new Error(`no reply; buffer: ${JSON.stringify(this.buffer)}`);
      await new Promise<void>((resolve) => {
        this.waiters.push(resolve);
        setTimeout(resolve, 100);
      });
    }
  }

  async command(line: string): Promise<string[]> {
    this.socket.write(`${line}\r\n`);
    const r = await this.reply();
    if (process.env.DEBUG_SMTP) console.log(">", line.slice(0, 40), "<", r);
    return r;
  }

  async startTls(): Promise<string[]> {
    const ready = await this.command("STARTTLS");
    this.socket.removeAllListeners("data");
    const secure = tls.connect({ socket: this.socket, ca: [this.tlsOptions.ca], servername: this.tlsOptions.servername });
    await new Promise<void>((resolve, reject) => {
      secure.once("secureConnect", () => resolve());
      secure.once("error", reject);
    });
    this.socket = secure;
    this.listen();
    return ready;
  }

  /** AUTH LOGIN with base64 username and password; the final reply as one string. */
  async authLogin(username: string, password: string): Promise<string> {
    const first = await this.command("AUTH LOGIN");
    if (!first[0]!.startsWith("334")) return first.join("\n");
    await this.command(Buffer.from(username).toString("base64"));
    return (await this.command(Buffer.from(password).toString("base64"))).join("\n");
  }

  close() {
    this.socket.destroy();
  }
}
