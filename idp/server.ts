// Assembles the IdP (keys, storage, users, oidc-provider, interaction pages) behind one HTTP
// server on loopback. Used by idp/main.ts and, in-process, by the tests.
import http from "node:http";
import type { AddressInfo } from "node:net";
import type { Env } from "../lib/env";
import { handleInteraction, interactionRoute, setBaselineHeaders, setPageHeaders } from "./interactions";
import { ensureIdpSigningKeys, readIdpSigningKeys } from "./keys";
import { createLogger, type Logger } from "./log";
import { CLIENT_NAME, createProvider } from "./provider";
import { openIdpStore } from "./sqlite-adapter";
import { createUserDirectory } from "./users";
import { createSignInThrottle } from "./sign-in-throttle";
import { errorPage } from "./html";

export const IDP_HOST = "127.0.0.1";

export class PortInUseError extends Error {
  constructor(readonly port: number) {
    super(`IDP_PORT ${port} is already in use — set IDP_PORT to a free port`);
    this.name = "PortInUseError";
  }
}

export type RunningIdp = {
  /** The issuer URL (OIDC_ISSUER). */
  url: string;
  port: number;
  close: () => Promise<void>;
};

type IdpEnv = Pick<
  Env,
  | "DATA_DIR"
  | "IDP_PORT"
  | "OIDC_ISSUER"
  | "OIDC_CLIENT_ID"
  | "OIDC_CLIENT_SECRET"
  | "PORTAL_URL"
  | "IDP_COOKIE_KEYS"
  | "DEV_IDP_PASSWORD"
  | "LOG_LEVEL"
  | "IDP_MAX_FAILURES_PER_EMAIL"
  | "IDP_MAX_FAILURES_PER_IP"
  | "IDP_FAILURE_WINDOW"
>;

export async function startIdp(env: IdpEnv, log: Logger = createLogger(env.LOG_LEVEL)): Promise<RunningIdp> {
  await ensureIdpSigningKeys(env.DATA_DIR);
  const jwks = readIdpSigningKeys(env.DATA_DIR);
  const users = await createUserDirectory(env.DEV_IDP_PASSWORD);
  const store = openIdpStore(env.DATA_DIR);

  let server: http.Server | undefined;
  try {
    const provider = createProvider(env, { jwks, users, adapter: store.adapterFor });
    provider.on("server_error", (_ctx: unknown, error: Error) => log.error(`idp: server error: ${error.stack ?? error.message}`));

    const portalOrigin = new URL(env.PORTAL_URL).origin;
    const oidc = provider.callback();
    const throttle = createSignInThrottle({
      maxPerEmail: env.IDP_MAX_FAILURES_PER_EMAIL,
      maxPerIp: env.IDP_MAX_FAILURES_PER_IP,
      windowSeconds: env.IDP_FAILURE_WINDOW,
    });
    const deps = { provider, users, log, portalOrigin, clientName: CLIENT_NAME, throttle };

    server = http.createServer((req, res) => {
      // Baseline for every IdP response (JSON endpoints and oidc-provider's redirects too); its
      // pages replace the CSP with their own fuller one.
      setBaselineHeaders(res);
      const route = interactionRoute(new URL(req.url ?? "/", "http://idp.invalid").pathname);
      if (!route) {
        void oidc(req, res);
        return;
      }
      handleInteraction(deps, req, res, route).catch((error: unknown) => {
        log.error(`idp: interaction failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
        if (res.headersSent) return res.destroy();
        setPageHeaders(res, portalOrigin);
        res.statusCode = 500;
        res.setHeader("Content-Type", "text/html; charset=utf-8");
        res.end(errorPage("Something went wrong", "The sign-in could not be completed. Go back to the portal and try again."));
      });
    });
    server.headersTimeout = 20_000;
    server.requestTimeout = 30_000;

    await listen(server, env.IDP_PORT);
  } catch (error) {
    server?.close();
    store.close();
    throw error;
  }

  const port = (server.address() as AddressInfo).port;
  const running = server;
  return {
    url: env.OIDC_ISSUER,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        running.close(() => {
          store.close();
          resolve();
        });
        running.closeAllConnections();
      }),
  };
}

function listen(server: http.Server, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException) => {
      reject(error.code === "EADDRINUSE" ? new PortInUseError(port) : error);
    };
    server.once("error", onError);
    server.listen(port, IDP_HOST, () => {
      server.off("error", onError);
      resolve();
    });
  });
}
