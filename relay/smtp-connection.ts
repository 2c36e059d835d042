// smtp-server's connection and server, subclassed for what the help article and the relay's
// limits need: replies that carry their own enhanced status code, AUTH offered and accepted only
// after TLS (530 before), and per-connection clocks (line, DATA, handshake) for the absolute
// deadlines that connection-limits.ts judges. Policy stays in policy.ts; this is socket glue.
import type net from "node:net";
import type tls from "node:tls";
import { SMTPServer } from "smtp-server";
import { SMTPConnection } from "smtp-server/lib/smtp-connection.js";
import type { SMTPStream } from "smtp-server/lib/smtp-stream.js";
import type { ConnectionGate } from "./connection-guard";
import type { ConnectionClock } from "./connection-limits";
import { graceDeadlineOf, graceOverFor } from "./credential-window";
import { authAllowed, ehloFeatures } from "./policy";
import { hasEnhancedCode, REPLY } from "./replies";

/**
 * When the command line being read began and when the DATA phase began, per parser (a
 * STARTTLS session gets a new parser). Kept beside the parser rather than on the connection:
 * smtp-server creates the first parser inside its constructor, before subclass fields exist.
 */
const lineStarts = new WeakMap<SMTPStream, number>();
const dataStarts = new WeakMap<SMTPStream, number>();
/** When a STARTTLS handshake was first seen in progress. */
const handshakeStarts = new WeakMap<object, number>();

/**
 * smtp-server's connection with the three changes the help article needs: replies whose text
 * already starts with an enhanced status code go out as they are; EHLO offers AUTH only after
 * TLS; AUTH before TLS answers the article's 530 (smtp-server says 538). It also keeps the
 * clocks the absolute deadlines (connection-limits.ts) are judged by, and says when it closed.
 */
export class RelayConnection extends SMTPConnection {
  private ehloInProgress = false;

  /** smtp-server's parser, timed: a line starts at its first byte and ends when it is dispatched. */
  override _createParser(): SMTPStream {
    const parser = super._createParser();
    const write = parser._write.bind(parser);
    parser._write = (chunk, encoding, next) => {
      if (!parser._dataMode && !lineStarts.get(parser) && chunk.length > 0) lineStarts.set(parser, Date.now());
      write(chunk, encoding, next);
    };
    const oncommand = parser.oncommand.bind(parser);
    parser.oncommand = (command: Buffer, callback?: () => void) => {
      lineStarts.set(parser, 0);
      oncommand(command, callback);
    };
    const startDataMode = parser.startDataMode.bind(parser);
    parser.startDataMode = (maxBytes?: number | string | null) => {
      dataStarts.set(parser, Date.now());
      return startDataMode(maxBytes);
    };
    return parser;
  }

  /** When the connection was accepted (the authentication deadline counts from here). */
  readonly openedAt = Date.now();

  /** Run once the session's socket has closed (after STARTTLS, the TLS socket's close). */
  afterClose: (() => void) | null = null;

  override _onClose(): void {
    super._onClose();
    const after = this.afterClose;
    this.afterClose = null;
    after?.();
  }

  /** What the deadlines rule (connection-limits.ts) needs to know about this connection now. */
  clock(now: number): ConnectionClock {
    const parser = this._parser;
    if (this._upgrading) {
      if (!handshakeStarts.has(this)) handshakeStarts.set(this, now);
    } else handshakeStarts.delete(this);
    let lineStartedAt: number | null = null;
    if (parser && !parser._dataMode) {
      // Bytes left over after a dispatched line began a new one, at the latest now.
      if (!lineStarts.get(parser) && parser._remainder.length > 0) lineStarts.set(parser, now);
      lineStartedAt = lineStarts.get(parser) || null;
    }
    return {
      lineStartedAt,
      dataStartedAt: parser && parser._dataMode ? (dataStarts.get(parser) ?? now) : null,
      handshakeStartedAt: handshakeStarts.get(this) ?? null,
      unauthenticatedSince: this.session.user ? null : this.openedAt,
      waitingForRelay: this._handlerPending || Boolean(this._dataStream && parser && !parser._dataMode),
    };
  }

  override send(code: number, data?: string | string[] | null, context?: string | false): void {
    if (this.ehloInProgress && code === 250 && Array.isArray(data)) {
      const [greeting, ...features] = data;
      data = [greeting ?? "", ...ehloFeatures(features, { tls: this.secure })];
    }
    if (typeof data === "string" && hasEnhancedCode(data)) return super.send(code, data, false);
    super.send(code, data, context);
  }

  override handler_EHLO(command: Buffer, callback: () => void): void {
    this.ehloInProgress = true;
    try {
      super.handler_EHLO(command, callback);
    } finally {
      this.ehloInProgress = false;
    }
  }

  /**
   * A session that authenticated with a rotation's previous password loses its authority when
   * the grace window ends: its next command (but QUIT, RSET, NOOP) hears the reset's 535, as
   * smtp-server would answer any command after it, and it must AUTH again.
   */
  override _onCommand(command: Buffer, callback?: () => void): void {
    if (this._ready && !this._upgrading && !this._nextHandler && graceOverFor((command || "").toString(), graceDeadlineOf(this.session.user), Date.now())) {
      this.session.user = false;
      this.send(REPLY.authInvalid.code, REPLY.authInvalid.text);
      return this._whenWritable(() => callback?.());
    }
    super._onCommand(command, callback);
  }

  override handler_AUTH(command: Buffer, callback: () => void): void {
    const decision = authAllowed({ tls: this.secure });
    if (!decision.ok) {
      this.send(decision.reply.code, decision.reply.text);
      return callback();
    }
    super.handler_AUTH(command, callback);
  }
}

export class RelaySmtpServer extends SMTPServer {
  gate: ConnectionGate | null = null;

  override connect(socket: net.Socket | tls.TLSSocket, socketOptions?: ConstructorParameters<typeof SMTPConnection>[2]): void {
    const connection = new RelayConnection(this, socket, socketOptions);
    if (this.gate && !this.gate(connection, socket)) return;
    this.connections.add(connection);
    connection.on("error", (err: Error) => this._onError(err));
    connection.on("connect", (data) => this._onClientConnect(data));
    connection.init();
  }
}
