// The relay's socket layer: two smtp-server listeners (STARTTLS on RELAY_PORT, implicit TLS on
// RELAY_TLS_PORT) wired to the plain rules of relay/policy.ts and the use cases of lib/.
// Nothing here decides policy; it gathers inputs, calls a rule, and sends the reply it returns.
import fs from "node:fs";
import type { Logger } from "pino";
import { SMTPServer, type SMTPServerDataStream, type SMTPServerOptions, type SMTPServerSession } from "smtp-server";
import { SMTPConnection } from "smtp-server/lib/smtp-connection.js";
import type { Db } from "../lib/db";
import type { Env } from "../lib/env";
import { authenticateSmtp, authPolicyFromEnv, normaliseUsername, type AuthMethod } from "../lib/smtp-accounts/authenticate";
import { readAuthorHeaders } from "./author-headers";
import { checkEnvelopeSender, checkParameters, checkRecipient } from "./policy";
import { createConnectionGuard } from "./connection-guard";
import { limitsFromEnv, type LimitsEnv } from "./connection-limits";
import { authFailureReply, GREETING_BANNER, messageTooBigReply, REPLY, replyLine, SmtpReplyError, suppressedRecipientReply } from "./replies";
import { suppressionKey } from "../lib/suppressions/address";
import { suppressionReasonLabel } from "../lib/suppressions/reasons";
import { createSuppressedLog } from "./suppressed-log";
import { createGroupCommitter } from "./committer";
import type { LastUsedTracker } from "./last-used";
import type { LoginEventWriter } from "./login-events";
import { rejectionReason, type RelayMetrics } from "./metrics";
import type { RelayStore } from "./relay-store";
import { prepareMessage, type RelaySession } from "./prepare-message";
import { RelaySmtpServer } from "./smtp-connection";

export type RelayEnv = Pick<
  Env,
  | "RELAY_HOST"
  | "RELAY_PORT"
  | "RELAY_TLS_PORT"
  | "RELAY_TLS_CERT"
  | "RELAY_TLS_KEY"
  | "SMTP_PUBLIC_HOST"
  | "RELAY_MAX_MESSAGE_BYTES"
  | "RELAY_MAX_RECIPIENTS"
  | "RELAY_SOCKET_TIMEOUT_MS"
  | "RELAY_REVERSE_DNS"
  | "VERIFIER_KEY"
  | "AUTH_MAX_FAILURES"
  | "AUTH_FAILURE_WINDOW"
  | "AUTH_LOCKOUT"
  | "AUTH_IP_MAX_FAILURES"
> & LimitsEnv;

/** A start-up problem with a one-line message meant for the operator (relay/main.ts prints it). */
export class RelayStartError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "RelayStartError";
  }
}

/** What an authenticated session carries (smtp-server's session.user); graceEndsAt (epoch ms) only with a rotation's previous password. */
type SessionUser = { accountId: string; workspaceId: string; username: string; passwordVersion: number; graceEndsAt: number | null };

function sessionUser(session: SMTPServerSession): SessionUser | null {
  const user: unknown = session.user;
  if (typeof user === "object" && user !== null && "accountId" in user && "passwordVersion" in user) return user as SessionUser;
  return null;
}

export type CreateRelayOptions = {
  env: RelayEnv;
  db: Db;
  logger: Logger;
  /** How long close() lets transactions in flight finish before cutting connections. */
  shutdownGraceMs?: number;
  /** The hot-path store (relay-store.ts): messages are committed through it in batches. */
  store: RelayStore;
  /** Called after a message is stored (e.g. to wake the delivery worker). */
  onQueued?: (messageId: string) => void;
  metrics?: RelayMetrics;
  /** Notes successful AUTHs and accepted messages for the batched lastUsedAt flush. */
  lastUsed?: LastUsedTracker;
  /** Batched writer for successful AUTHs' LoginEvents (default: each written before 235). */
  loginEvents?: LoginEventWriter;
};

export type Relay = {
  listen(): Promise<void>;
  close(): Promise<void>;
  /** Actual bound ports (useful when configured as 0). */
  ports(): { starttls: number; tls: number };
};

export function createRelay({ env, db, logger, store, shutdownGraceMs = 10_000, onQueued, metrics, lastUsed, loginEvents }: CreateRelayOptions): Relay {
  const cert = readTlsFile("RELAY_TLS_CERT", env.RELAY_TLS_CERT);
  const key = readTlsFile("RELAY_TLS_KEY", env.RELAY_TLS_KEY);
  const authPolicy = authPolicyFromEnv(env);
  const limits = limitsFromEnv(env);
  /** TLS protocol per session, captured when the handshake completes. */
  const tlsProtocols = new Map<string, string | null>();
  /** Message stores in flight: close() waits for them before the database goes away. */
  const inFlight = new Set<Promise<unknown>>();

  const committer = createGroupCommitter(store, {
    concurrency: store.commitConcurrency,
    onBatch(size, ms, error) {
      metrics?.commitBatch.observe(size);
      metrics?.commitSeconds.observe(ms / 1000);
      if (error) logger.error({ event: "commit", err: error, size, ms }, "batch could not be stored");
    },
  });

  /** Delivery-log entries of refused suppressed recipients, written after the reply (suppressed-log.ts). */
  const suppressedLog = createSuppressedLog(db, logger);

  const reject = (reply: { code: number; text: string }) => metrics?.rejected.inc({ reason: rejectionReason(reply) });

  const track = <T>(work: Promise<T>): Promise<T> => {
    inFlight.add(work);
    void work.finally(() => inFlight.delete(work)).catch(() => undefined);
    return work;
  };

  const tlsProtocolOf = (session: SMTPServerSession): string | null =>
    tlsProtocols.get(session.id) ?? (session.tlsOptions ? session.tlsOptions.version : null);

  const handlers: Pick<SMTPServerOptions, "onConnect" | "onSecure" | "onAuth" | "onMailFrom" | "onRcptTo" | "onData" | "onClose"> = {
    onConnect(session, callback) {
      metrics?.connections.inc({ listener: session.secure ? "tls" : "starttls" });
      metrics?.activeConnections.inc();
      callback();
    },

    onSecure(socket, session, callback) {
      const protocol = "getProtocol" in socket && typeof socket.getProtocol === "function" ? socket.getProtocol() : null;
      tlsProtocols.set(session.id, protocol);
      callback();
    },

    onAuth(auth, session, callback) {
      const method = auth.method === "PLAIN" || auth.method === "LOGIN" ? (auth.method satisfies AuthMethod) : null;
      if (!method || !session.secure) return callback(new SmtpReplyError(REPLY.authInvalid));
      // RFC 4616: a PLAIN authorization identity other than the authenticating one asks to act
      // as someone else, which no account may; answered as wrong credentials, before any lookup.
      const { authzid, authcid } = auth as typeof auth & { authzid?: string; authcid?: string };
      if (method === "PLAIN" && authzid && authcid && normaliseUsername(authzid) !== normaliseUsername(authcid)) {
        metrics?.auth.inc({ result: "failed", reason: "authzid" });
        return callback(new SmtpReplyError(REPLY.authInvalid));
      }
      const clientIp = session.remoteAddress;
      const tlsProtocol = tlsProtocolOf(session);
      track(
        authenticateSmtp({
          db,
          reads: store.authReads,
          username: auth.username ?? "",
          password: auth.password ?? "",
          clientIp,
          tlsProtocol,
          method,
          policy: authPolicy,
          recordSuccess: loginEvents ? (event) => loginEvents.record(event) : undefined,
        }),
      ).then(
        (result) => {
          if (!result.ok) {
            metrics?.auth.inc({ result: "failed", reason: result.reason });
            logger.info({ event: "auth", ok: false, reason: result.reason, username: truncate(auth.username), clientIp, method }, "SMTP AUTH failed");
            return callback(new SmtpReplyError(authFailureReply(result.reason)));
          }
          const user: SessionUser = {
            accountId: result.account.id,
            workspaceId: result.account.workspaceId,
            username: result.account.username,
            passwordVersion: result.account.passwordVersion,
            graceEndsAt: result.account.graceEndsAt?.getTime() ?? null,
          };
          metrics?.auth.inc({ result: "ok", reason: "" });
          guard.authenticated(session.id);
          lastUsed?.touch(user.accountId);
          logger.info({ event: "auth", ok: true, username: user.username, accountId: user.accountId, clientIp, method, tlsProtocol }, "SMTP AUTH ok");
          callback(null, { user });
        },
        (error: unknown) => {
          metrics?.auth.inc({ result: "failed", reason: "error" });
          logger.error({ event: "auth", err: error, clientIp }, "SMTP AUTH could not be checked");
          callback(new SmtpReplyError(authFailureReply("error")));
        },
      );
    },

    onMailFrom(address, session, callback) {
      const user = sessionUser(session);
      if (!user) return callback(new SmtpReplyError(REPLY.authInvalid));
      const parameters = checkParameters("MAIL FROM", address.args);
      if (!parameters.ok) {
        reject(parameters.reply);
        return callback(new SmtpReplyError(parameters.reply));
      }
      track(store.senderAccount(user.accountId)).then(
        (account) => {
          const decision = checkEnvelopeSender({ authenticatedVersion: user.passwordVersion, account, address: address.address, clientIp: session.remoteAddress });
          if (!decision.ok) {
            logger.info({ event: "mail_from", accountId: user.accountId, code: decision.reply.code, reply: decision.reply.text }, "MAIL FROM refused");
            // A credential that stopped being current ends the session's authority for good.
            if (decision.endsSession) session.user = false;
            reject(decision.reply);
            return callback(new SmtpReplyError(decision.reply));
          }
          callback();
        },
        (error: unknown) => {
          logger.error({ event: "mail_from", err: error }, "MAIL FROM could not be checked");
          reject(REPLY.storageFailure);
          callback(new SmtpReplyError(REPLY.storageFailure));
        },
      );
    },

    onRcptTo(address, session, callback) {
      const parameters = checkParameters("RCPT TO", address.args);
      if (!parameters.ok) {
        reject(parameters.reply);
        return callback(new SmtpReplyError(parameters.reply));
      }
      const decision = checkRecipient({ address: address.address, acceptedSoFar: session.envelope.rcptTo.length, max: env.RELAY_MAX_RECIPIENTS });
      if (!decision.ok) {
        reject(decision.reply);
        return callback(new SmtpReplyError(decision.reply));
      }
      const user = sessionUser(session);
      if (!user) return callback(new SmtpReplyError(REPLY.authInvalid));
      // The envelope keeps the recipient in its checked form (policy.ts), the mailbox delivered to;
      // the suppression list is looked up, and the logs filter, by its lower-cased key.
      address.address = decision.address;
      // The workspace's suppression list, read at every RCPT TO (one indexed read, no cache): an
      // entry an admin removes lets the very next RCPT through.
      const recipient = suppressionKey(address.address);
      track(store.findSuppression(user.workspaceId, recipient)).then(
        (hit) => {
          if (!hit) return callback();
          const reply = suppressedRecipientReply(recipient, suppressionReasonLabel(hit.reason), hit.createdAt);
          reject(reply);
          logger.info({ event: "rcpt_to", accountId: user.accountId, recipient, code: reply.code }, "RCPT TO refused: suppressed");
          callback(new SmtpReplyError(reply));
          suppressedLog.record({
            workspaceId: user.workspaceId,
            accountId: user.accountId,
            passwordVersion: user.passwordVersion,
            clientIp: session.remoteAddress,
            clientHostname: session.clientHostname && !session.clientHostname.startsWith("[") ? session.clientHostname : null,
            tlsProtocol: tlsProtocolOf(session),
            tlsCipher: session.tlsOptions ? session.tlsOptions.name : null,
            envelopeFrom: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
            address: recipient,
            reply: replyLine(reply),
            at: new Date(),
          });
        },
        (error: unknown) => {
          logger.error({ event: "rcpt_to", err: error }, "RCPT TO could not be checked against the suppression list");
          reject(REPLY.recipientCheckFailure);
          callback(new SmtpReplyError(REPLY.recipientCheckFailure));
        },
      );
    },

    onData(stream: SMTPServerDataStream, session, callback) {
      const user = sessionUser(session);
      const chunks: Buffer[] = [];
      let size = 0;
      stream.on("data", (chunk: Buffer) => {
        size += chunk.length;
        // Hard bound: past the limit nothing more is kept, the rest is read and dropped.
        if (size <= env.RELAY_MAX_MESSAGE_BYTES) chunks.push(chunk);
      });
      stream.once("error", (error: Error) => {
        logger.warn({ event: "data", err: error }, "DATA stream failed");
      });
      stream.once("end", () => {
        if (stream.sizeExceeded || size > env.RELAY_MAX_MESSAGE_BYTES) {
          logger.info({ event: "data", size, limit: env.RELAY_MAX_MESSAGE_BYTES }, "message too big");
          const tooBig = messageTooBigReply(env.RELAY_MAX_MESSAGE_BYTES);
          reject(tooBig);
          return callback(new SmtpReplyError(tooBig));
        }
        if (!user) return callback(new SmtpReplyError(REPLY.authInvalid));
        const relaySession: RelaySession = {
          ...user,
          clientIp: session.remoteAddress,
          clientHostname: session.clientHostname && !session.clientHostname.startsWith("[") ? session.clientHostname : null,
          helo: session.hostNameAppearsAs || "unknown",
          protocol: session.transmissionType || "ESMTPSA",
          tlsProtocol: tlsProtocolOf(session),
          tlsCipher: session.tlsOptions ? session.tlsOptions.name : null,
        };
        const envelopeFrom = session.envelope.mailFrom ? session.envelope.mailFrom.address : "";
        const raw = Buffer.concat(chunks, size);
        // Refused before the database: no account is needed to see an ambiguous author header.
        const authors = readAuthorHeaders(raw);
        if (!authors.ok) {
          reject(authors.reply);
          logger.info({ event: "data", accountId: user.accountId, code: authors.reply.code, reply: authors.reply.text }, "message refused");
          return callback(new SmtpReplyError(authors.reply));
        }
        const prepared = prepareMessage({
          authors,
          session: relaySession,
          envelopeFrom,
          recipients: session.envelope.rcptTo.map((r) => r.address),
          raw,
          publicHost: env.SMTP_PUBLIC_HOST,
        });
        track(committer.submit(prepared)).then((outcome) => {
          const result = outcome.ok ? { ok: true as const, messageId: prepared.id, reply: prepared.acceptedReply } : outcome;
          if (!result.ok) {
            reject(result.reply);
            if (result.error) logger.error({ event: "data", err: result.error, accountId: user.accountId }, "message could not be stored");
            else logger.info({ event: "data", accountId: user.accountId, code: result.reply.code, reply: result.reply.text }, "message refused");
            if (result.endsSession) session.user = false;
            return callback(new SmtpReplyError(result.reply));
          }
          metrics?.accepted.inc();
          lastUsed?.touch(user.accountId);
          logger.info({ event: "queued", messageId: result.messageId, accountId: user.accountId, size, recipients: session.envelope.rcptTo.length }, "message queued");
          onQueued?.(result.messageId);
          callback(null, result.reply.text);
        });
      });
    },

    onClose(session) {
      metrics?.activeConnections.dec();
      tlsProtocols.delete(session.id);
    },
  };

  const common: SMTPServerOptions = {
    name: env.SMTP_PUBLIC_HOST,
    banner: GREETING_BANNER,
    key,
    cert,
    authMethods: ["PLAIN", "LOGIN"],
    authRequiredMessage: "5.7.0 Authentication required",
    size: env.RELAY_MAX_MESSAGE_BYTES,
    hideENHANCEDSTATUSCODES: false,
    hideSMTPUTF8: true,
    hideDSN: true,
    hideREQUIRETLS: true,
    disableReverseLookup: !env.RELAY_REVERSE_DNS,
    socketTimeout: env.RELAY_SOCKET_TIMEOUT_MS,
    // Sockets still in their implicit TLS handshake are not connections yet; smtp-server
    // bounds those by maxClients (our own cap, below, counts the connections).
    maxClients: env.RELAY_MAX_CONNECTIONS,
    closeTimeout: shutdownGraceMs,
    // smtp-server's own protocol log is off: ours (pino) never sees AUTH payloads.
    logger: false,
    ...handlers,
  };

  let starttls: RelaySmtpServer;
  let implicit: RelaySmtpServer;
  try {
    starttls = new RelaySmtpServer({ ...common, secure: false });
    implicit = new RelaySmtpServer({ ...common, secure: true });
  } catch (error) {
    throw new RelayStartError(`RELAY_TLS_CERT: cannot use ${env.RELAY_TLS_CERT} with ${env.RELAY_TLS_KEY} — ${errorText(error)}`);
  }
  const servers = [
    { server: starttls, variable: "RELAY_PORT", port: env.RELAY_PORT },
    { server: implicit, variable: "RELAY_TLS_PORT", port: env.RELAY_TLS_PORT },
  ] as const;
  for (const { server, variable } of servers) {
    // Connection-level errors (resets, TLS handshakes gone wrong) are the client's business.
    server.on("error", (error: Error & { code?: string }) => logger.debug({ event: "socket_error", listener: variable, code: error.code, msg: error.message }, "connection error"));
  }

  const guard = createConnectionGuard({ limits, metrics, logger, listeners: servers.map((l) => l.server) });
  for (const { server } of servers) server.gate = guard.admit;

  let closing: Promise<void> | null = null;

  return {
    async listen() {
      const started: RelaySmtpServer[] = [];
      try {
        for (const { server, variable, port } of servers) {
          await listenOn(server, env.RELAY_HOST, port, variable);
          started.push(server);
        }
      } catch (error) {
        await Promise.all(started.map((s) => new Promise<void>((resolve) => s.server.close(() => resolve()))));
        throw error;
      }
    },

    ports() {
      const portOf = (s: RelaySmtpServer) => {
        const address = s.server.address();
        return address && typeof address === "object" ? address.port : 0;
      };
      return { starttls: portOf(starttls), tls: portOf(implicit) };
    },

    close() {
      closing ??= (async () => {
        guard.stop();
        const deadline = Date.now() + shutdownGraceMs;
        const closed = servers.map(
          ({ server }) =>
            new Promise<void>((resolve) => {
              if (!server.server.listening) return resolve();
              server.close(() => resolve());
            }),
        );
        // Idle sessions hear 421 now; one in the middle of a transaction finishes it (its next
        // command gets smtp-server's 421) or is cut at the deadline.
        for (const { server } of servers) {
          for (const connection of server.connections) {
            if (!isInTransaction(connection)) {
              connection.send(REPLY.shuttingDown.code, REPLY.shuttingDown.text);
              connection.close();
            }
          }
        }
        await Promise.all(closed);
        const remaining = Math.max(0, deadline - Date.now());
        await Promise.race([
          Promise.allSettled([...inFlight]).then(() => Promise.all([committer.drain(), suppressedLog.flush()])),
          new Promise((resolve) => setTimeout(resolve, remaining).unref()),
        ]);
      })();
      return closing;
    },
  };
}

function isInTransaction(connection: SMTPConnection): boolean {
  return Boolean(connection._dataStream) || connection._handlerPending || Boolean(connection.session.envelope?.mailFrom);
}

function listenOn(server: SMTPServer, host: string, port: number, variable: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (error: Error & { code?: string }) => {
      server.server.off("listening", onListening);
      reject(new RelayStartError(listenErrorMessage(error, variable, host, port)));
    };
    const onListening = () => {
      server.server.off("error", onError);
      resolve();
    };
    server.server.once("error", onError);
    server.server.once("listening", onListening);
    server.listen(port, host);
  });
}

export function listenErrorMessage(error: Error & { code?: string }, variable: string, host: string, port: number): string {
  switch (error.code) {
    case "EADDRINUSE":
      return `${variable} ${port} is already in use — set ${variable} to a free port`;
    case "EACCES":
      return `${variable} ${port} needs privileges to bind — set ${variable} to a port above 1023 or run with the capability to bind it`;
    case "EADDRNOTAVAIL":
      return `RELAY_HOST ${host} is not an address of this machine — set RELAY_HOST to one of its addresses`;
    default:
      return `${variable} ${port}: cannot listen on ${host} — ${error.message}`;
  }
}

function readTlsFile(variable: "RELAY_TLS_CERT" | "RELAY_TLS_KEY", file: string): Buffer {
  try {
    return fs.readFileSync(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why =
      code === "ENOENT"
        ? `the file does not exist (run \`npm start\` once to create the demo certificate, or set ${variable})`
        : code === "EACCES"
          ? "permission denied"
          : errorText(error);
    throw new RelayStartError(`${variable}: cannot read ${file} — ${why}`);
  }
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function truncate(value: string | undefined): string {
  const v = value ?? "";
  return v.length > 64 ? `${v.slice(0, 61)}...` : v;
}
