// The staged SMTP check: the whole conversation an application has with the relay, one step at
// a time, with nodemailer's SMTP connection doing the protocol. No message is ever sent: the
// check stops at MAIL FROM (then RSET), which is enough to prove the credentials and the From
// address are accepted.
//
// How the steps are observed. We open the TCP socket (and, on the SSL/TLS port, the TLS layer)
// ourselves, so connect and TLS are timed and diagnosed on their own, then hand the socket to
// nodemailer (`connection`). nodemailer runs greeting → EHLO → STARTTLS → EHLO as one connect();
// its transaction log (a public option) tells us, line by line as it happens, where each step
// starts and ends. AUTH uses nodemailer's login(). nodemailer has no public call for a lone
// MAIL FROM (send() always goes on to RCPT and DATA), so MAIL FROM and RSET go through its
// custom-authentication hook — the public way to send one command and read its reply.
//
// Every step is bounded by `timeoutMs` and the whole check by `overallTimeoutMs`, so it always
// answers; the result is scrubbed of every form of the password before it is returned.
import net from "node:net";
import { performance } from "node:perf_hooks";
import tls from "node:tls";
import SMTPConnection from "nodemailer/lib/smtp-connection";
import { classifyFailure, type ErrorCodes } from "./classify";
import { scrubResult, secretForms } from "./scrub";
import type { CheckOptions, CheckResult, Step, StepName, TlsInfo } from "./types";

const COMMAND_METHOD = "X-MIGOSMTP-COMMAND";

type CommandReply = { status: number; response: string };
type OpenStep = { name: StepName; started: number; lastReply?: string };

/** An error carrying only codes (our own timeouts). */
class CodedError extends Error implements ErrorCodes {
  constructor(
    readonly code: string,
    readonly timeoutType?: string,
  ) {
    super(code);
  }
}

export function validateCheckOptions(options: CheckOptions): string | null {
  if (!options.host || /[\s/]/.test(options.host)) return "host must be a host name or address";
  if (!Number.isInteger(options.port) || options.port < 1 || options.port > 65535) return "port must be 1–65535";
  if (!(options.timeoutMs > 0)) return "timeoutMs must be positive";
  if (!options.username || /[\r\n]/.test(options.username)) return "username must be one line";
  if (options.from !== undefined && !/^[^\s<>@]+@[^\s<>@]+$/.test(options.from)) return "from must be a plain address (name@domain)";
  return null;
}

export async function runSmtpCheck(options: CheckOptions): Promise<CheckResult> {
  const invalid = validateCheckOptions(options);
  if (invalid) throw new Error(`runSmtpCheck: ${invalid}`);
  const result = await new CheckRun(options).execute();
  return scrubResult(result, secretForms(options.username, options.password));
}

class CheckRun {
  private readonly steps: Step[] = [];
  private open: OpenStep | null = null;
  private readonly sni: string | undefined;
  private stepTimer: NodeJS.Timeout | undefined;
  private overallTimer: NodeJS.Timeout | undefined;
  private abortError: unknown = null;
  private rejectAborted!: (error: unknown) => void;
  private readonly aborted: Promise<never>;
  private socket: net.Socket | null = null;
  private tlsSocket: tls.TLSSocket | null = null;
  private conn: SMTPConnection | null = null;
  private handshaking = false;
  private capabilities: string[] = [];
  private peerCert: tls.PeerCertificate | null = null;
  private hostnameMatches: boolean | null = null;

  constructor(private readonly options: CheckOptions) {
    this.sni = options.servername ?? (net.isIP(options.host) ? undefined : options.host);
    this.aborted = new Promise<never>((_, reject) => (this.rejectAborted = reject));
    this.aborted.catch(() => undefined);
  }

  async execute(): Promise<CheckResult> {
    const startedAt = new Date();
    const started = performance.now();
    const overall = this.options.overallTimeoutMs ?? this.options.timeoutMs * 3;
    this.overallTimer = setTimeout(() => this.abort(new CodedError("ETIMEDOUT", "OVERALL")), overall);
    try {
      await this.connect();
      if (this.options.tls === "implicit") await this.implicitTls();
      await this.handshake();
      if (await this.auth()) {
        if (this.options.from === undefined) {
          this.steps.push({ name: "mail_from", ok: true, skipped: true, durationMs: 0, detail: "skipped: no From address given (no MAIL FROM, no RSET)" });
        } else if (await this.mailFrom(this.options.from)) {
          await this.rset();
        }
      }
      await this.quit();
    } catch (error) {
      this.failOpen(this.abortError ?? error);
    } finally {
      clearTimeout(this.stepTimer);
      clearTimeout(this.overallTimer);
      this.conn?.close();
      this.tlsSocket?.destroy();
      this.socket?.destroy();
    }
    const o = this.options;
    return {
      ok: this.steps.every((s) => s.ok),
      target: { host: o.host, port: o.port, tls: o.tls, servername: this.sni ?? null, username: o.username, from: o.from ?? null },
      startedAt: startedAt.toISOString(),
      durationMs: Math.round(performance.now() - started),
      steps: this.steps,
    };
  }

  // ——— steps ———

  private async connect(): Promise<void> {
    this.begin("connect");
    const socket = net.connect({ host: this.options.host, port: this.options.port });
    this.socket = socket;
    socket.on("error", (error) => this.abort(error));
    await this.race(new Promise<void>((resolve) => socket.once("connect", () => resolve())));
    this.pass(`connected to ${socket.remoteAddress}:${socket.remotePort}`);
  }

  private async implicitTls(): Promise<void> {
    this.begin("tls");
    const secure = tls.connect({
      socket: this.socket!,
      host: this.options.host,
      servername: this.sni,
      ca: this.options.ca,
      checkServerIdentity: this.checkIdentity,
    });
    this.tlsSocket = secure;
    secure.on("error", (error) => {
      this.capturePeer(secure);
      this.abort(error);
    });
    await this.race(new Promise<void>((resolve) => secure.once("secureConnect", () => resolve())));
    const info = this.tlsInfo(secure);
    this.pass(tlsDetail(info, this.sni ?? this.options.host), { tls: info });
  }

  /** Greeting, EHLO, and on the STARTTLS port STARTTLS and EHLO again: nodemailer's connect(). */
  private async handshake(): Promise<void> {
    const o = this.options;
    const implicit = o.tls === "implicit";
    const conn = new SMTPConnection({
      connection: implicit ? this.tlsSocket! : this.socket!,
      secure: implicit,
      secured: implicit,
      requireTLS: !implicit,
      host: o.host,
      port: o.port,
      servername: this.sni,
      name: o.clientName ?? "migosmtp-check",
      tls: { ca: o.ca, servername: this.sni, checkServerIdentity: this.checkIdentity },
      connectionTimeout: o.timeoutMs,
      greetingTimeout: o.timeoutMs,
      socketTimeout: o.timeoutMs,
      socketCloseTimeout: Math.min(o.timeoutMs, 1000),
      transactionLog: true,
      logger: this.transactionLogger(),
      customAuth: {
        [COMMAND_METHOD]: (ctx) => (ctx.auth.run as (send: (cmd: string) => Promise<CommandReply>) => Promise<void>)((cmd) => ctx.sendCommand(cmd)),
      },
    });
    this.conn = conn;
    conn.on("error", (error: Error) => {
      if (conn._socket instanceof tls.TLSSocket) this.capturePeer(conn._socket);
      this.abort(error);
    });
    this.handshaking = true;
    this.begin("banner");
    await this.race(new Promise<void>((resolve, reject) => conn.connect((error) => (error ? reject(error) : resolve()))));
    this.handshaking = false;
    if (this.open) this.pass("done");
  }

  private async auth(): Promise<boolean> {
    const conn = this.conn!;
    const offered = this.capabilities.find((c) => /^AUTH[ =]/i.test(c))?.toUpperCase().split(/[ =]+/).slice(1) ?? [];
    const method = this.options.authMethod ?? (offered.includes("PLAIN") ? "PLAIN" : offered.includes("LOGIN") ? "LOGIN" : "PLAIN");
    this.begin("auth");
    try {
      await this.race(
        new Promise<void>((resolve, reject) =>
          conn.login({ user: this.options.username, pass: this.options.password, method }, (error) => (error ? reject(error) : resolve())),
        ),
      );
    } catch (error) {
      if (!isReplyError(error)) throw error;
      this.failReply(firstLine(error.response), `AUTH ${method} as ${this.options.username}: refused`, error);
      return false;
    }
    const reply = firstLine(String(conn.lastServerResponse || ""));
    this.pass(`AUTH ${method} as ${this.options.username}: accepted`, { reply });
    return true;
  }

  private async mailFrom(from: string): Promise<boolean> {
    this.begin("mail_from");
    const reply = await this.race(this.command(`MAIL FROM:<${from}>`));
    if (reply.status >= 200 && reply.status < 300) {
      this.pass(`MAIL FROM:<${from}> accepted (no message is sent)`, { reply: firstLine(reply.response) });
      return true;
    }
    this.failReply(firstLine(reply.response), `MAIL FROM:<${from}> refused`, { responseCode: reply.status });
    return false;
  }

  private async rset(): Promise<void> {
    this.begin("rset");
    const reply = await this.race(this.command("RSET"));
    if (reply.status >= 200 && reply.status < 300) this.pass("transaction reset", { reply: firstLine(reply.response) });
    else this.failReply(firstLine(reply.response), "RSET refused", { responseCode: reply.status });
  }

  private async quit(): Promise<void> {
    const conn = this.conn;
    if (!conn || conn.destroyed) return;
    this.begin("quit");
    const ended = new Promise<void>((resolve) => conn.once("end", () => resolve()));
    conn.quit();
    await this.race(ended);
    const reply = this.open?.lastReply;
    this.pass("connection closed", reply ? { reply } : {});
  }

  // ——— plumbing ———

  /** One command and its reply, through nodemailer's custom-authentication hook (see the top). */
  private command(line: string): Promise<CommandReply> {
    const conn = this.conn!;
    return new Promise((resolve, reject) => {
      let reply: CommandReply = { status: 0, response: "" };
      const run = async (send: (cmd: string) => Promise<CommandReply>) => {
        reply = await send(line);
      };
      conn.login({ method: COMMAND_METHOD, user: this.options.username, pass: "-", run }, (error) => (error ? reject(error) : resolve(reply)));
    });
  }

  /** Bunyan-shaped logger receiving nodemailer's transaction log: our step boundaries. */
  private transactionLogger() {
    const ignore = () => undefined;
    return {
      trace: ignore,
      info: ignore,
      warn: ignore,
      error: ignore,
      fatal: ignore,
      debug: (entry: { tnx?: string } | undefined, message?: unknown) => {
        if (entry?.tnx === "server") this.onServer(String(message ?? ""));
        else if (entry?.tnx === "client") this.onClient(String(message ?? ""));
      },
    };
  }

  private onServer(response: string): void {
    const open = this.open;
    if (!open) return;
    open.lastReply = firstLine(response);
    if (!this.handshaking) return;
    if (open.name === "banner" && /^220[ -]/.test(response)) this.pass(open.lastReply, { reply: open.lastReply });
    else if (open.name === "ehlo" && /^2\d\d[ -]/.test(response)) {
      const afterTls = this.steps.some((s) => s.name === "tls");
      this.capabilities = response
        .split(/\r?\n/)
        .slice(1)
        .map((l) => l.replace(/^\d{3}[ -]/, "").trim())
        .filter(Boolean);
      this.pass(`${afterTls ? "after TLS, " : ""}capabilities: ${this.capabilities.join(", ") || "(none)"}`, { reply: open.lastReply });
    }
  }

  private onClient(line: string): void {
    if (!this.handshaking) return;
    if (/^(EHLO|HELO|LHLO)\b/i.test(line)) {
      // nodemailer sends EHLO again the moment the STARTTLS handshake completes.
      if (this.open?.name === "tls") this.passStartTls();
      this.begin("ehlo");
    } else if (/^STARTTLS\b/i.test(line)) {
      this.begin("tls");
    }
  }

  private passStartTls(): void {
    const socket = this.conn?._socket;
    const info = socket instanceof tls.TLSSocket ? this.tlsInfo(socket) : emptyTls();
    this.pass(`STARTTLS: ${tlsDetail(info, this.sni ?? this.options.host)}`, { tls: info, reply: this.open?.lastReply });
  }

  private readonly checkIdentity = (hostname: string, cert: tls.PeerCertificate): Error | undefined => {
    this.peerCert = cert;
    const error = tls.checkServerIdentity(hostname, cert);
    this.hostnameMatches = !error;
    return error;
  };

  private capturePeer(socket: tls.TLSSocket): void {
    if (this.peerCert) return;
    try {
      const cert = socket.getPeerCertificate();
      if (cert && Object.keys(cert).length > 0) this.peerCert = cert;
    } catch {
      // the handshake never got as far as a certificate
    }
  }

  private tlsInfo(socket: tls.TLSSocket | null): TlsInfo {
    let protocol: string | null = null;
    let cipher: string | null = null;
    if (socket) {
      try {
        protocol = socket.getProtocol() ?? null;
        cipher = socket.getCipher()?.name ?? null;
      } catch {
        // socket already gone
      }
      this.capturePeer(socket);
    }
    const cert = this.peerCert;
    const validTo = cert?.valid_to ? new Date(cert.valid_to) : null;
    return {
      protocol,
      cipher,
      subject: cert ? distinguishedName(cert.subject) : null,
      issuer: cert ? distinguishedName(cert.issuer) : null,
      validTo: validTo && !Number.isNaN(validTo.getTime()) ? validTo.toISOString() : null,
      hostnameMatches: this.hostnameMatches,
    };
  }

  private begin(name: StepName): void {
    if (this.open) this.pass("done");
    this.open = { name, started: performance.now() };
    clearTimeout(this.stepTimer);
    this.stepTimer = setTimeout(() => this.abort(new CodedError("ETIMEDOUT", "STEP")), this.options.timeoutMs);
  }

  private elapsed(): number {
    return this.open ? Math.round(performance.now() - this.open.started) : 0;
  }

  private pass(detail: string, extra: Partial<Pick<Step, "reply" | "tls">> = {}): void {
    if (!this.open) return;
    this.steps.push({ name: this.open.name, ok: true, durationMs: this.elapsed(), detail, ...definedOnly(extra) });
    this.open = null;
    clearTimeout(this.stepTimer);
  }

  private failReply(reply: string, detail: string, error: ErrorCodes): void {
    const name = this.open?.name ?? "quit";
    const failure = classifyFailure({
      step: name,
      error,
      target: this.target(),
      timeoutMs: this.options.timeoutMs,
      context: this.options.context,
    });
    this.steps.push({ name, ok: false, durationMs: this.elapsed(), detail: `${detail}: ${reply}`, reply, failure });
    this.open = null;
    clearTimeout(this.stepTimer);
  }

  /** The open step failed with an error (socket, TLS, timeout, or a reply nodemailer raised). */
  private failOpen(error: unknown): void {
    const name = this.open?.name ?? this.steps.at(-1)?.name ?? "connect";
    const codes = toCodes(error);
    const reply = this.open?.lastReply && /^[45]\d\d/.test(this.open.lastReply) ? this.open.lastReply : responseOf(error);
    const tlsStep = name === "tls";
    const info = tlsStep ? this.tlsInfo(this.tlsSocket ?? (this.conn?._socket instanceof tls.TLSSocket ? this.conn._socket : null)) : undefined;
    const failure = classifyFailure({
      step: name,
      error: codes,
      target: this.target(),
      timeoutMs: this.options.timeoutMs,
      tls: info,
      context: this.options.context,
    });
    const codeText = [codes.originalCode, codes.code].filter((c) => typeof c === "string").join("/");
    const detail = reply
      ? reply
      : failure.kind === "timeout"
        ? codes.timeoutType === "OVERALL"
          ? `stopped: the whole check took longer than ${this.options.overallTimeoutMs ?? this.options.timeoutMs * 3} ms`
          : `no answer within ${this.options.timeoutMs} ms`
        : `failed${codeText ? ` (${codeText})` : ""}${info && info.subject ? `; ${tlsDetail(info, this.sni ?? this.options.host)}` : ""}`;
    this.steps.push({ name, ok: false, durationMs: this.elapsed(), detail, ...definedOnly({ reply, tls: info }), failure });
    this.open = null;
  }

  private target() {
    const o = this.options;
    return { host: o.host, port: o.port, tls: o.tls, servername: this.sni ?? null, from: o.from ?? null };
  }

  private abort(error: unknown): void {
    if (this.abortError) return;
    this.abortError = error ?? new CodedError("EUNKNOWN");
    clearTimeout(this.stepTimer);
    this.rejectAborted(this.abortError);
  }

  private race<T>(work: Promise<T>): Promise<T> {
    return Promise.race([work, this.aborted]);
  }
}

function isReplyError(error: unknown): error is Error & { response: string; responseCode: number } {
  const e = error as { response?: unknown; responseCode?: unknown };
  return typeof e?.response === "string" && typeof e.responseCode === "number";
}

function toCodes(error: unknown): ErrorCodes {
  const e = (error ?? {}) as ErrorCodes;
  return { code: e.code, originalCode: e.originalCode, responseCode: e.responseCode, timeoutType: e.timeoutType };
}

function responseOf(error: unknown): string | undefined {
  const response = (error as { response?: unknown })?.response;
  return typeof response === "string" && response ? firstLine(response) : undefined;
}

function firstLine(text: string): string {
  return text.split(/\r?\n/)[0]!.trim();
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined && v !== null)) as Partial<T>;
}

function emptyTls(): TlsInfo {
  return { protocol: null, cipher: null, subject: null, issuer: null, validTo: null, hostnameMatches: null };
}

function distinguishedName(dn: tls.Certificate | undefined): string | null {
  if (!dn) return null;
  const parts = Object.entries(dn).map(([k, v]) => `${k}=${Array.isArray(v) ? v.join("+") : String(v)}`);
  return parts.length ? parts.join(", ") : null;
}

export function tlsDetail(info: TlsInfo, name: string): string {
  const parts = [[info.protocol, info.cipher].filter(Boolean).join(" ") || "TLS"];
  if (info.subject) parts.push(`certificate ${info.subject}`);
  if (info.issuer) parts.push(`issued by ${info.issuer}`);
  if (info.validTo) parts.push(`valid to ${info.validTo.slice(0, 10)}`);
  if (info.hostnameMatches !== null) parts.push(info.hostnameMatches ? `matches ${name}` : `does NOT match ${name}`);
  return parts.join("; ");
}
