// oidc-provider ships no TypeScript types (and @types/oidc-provider is not installed): the
// subset of its API the embedded IdP uses, typed from the library's source (v9).
declare module "oidc-provider" {
  import type { IncomingMessage, ServerResponse } from "node:http";
  import type { EventEmitter } from "node:events";

  export type AdapterPayload = {
    [key: string]: unknown;
    jti?: string;
    uid?: string;
    grantId?: string;
    userCode?: string;
    consumed?: number;
    exp?: number;
  };

  export interface Adapter {
    upsert(id: string, payload: AdapterPayload, expiresIn?: number): Promise<void>;
    find(id: string): Promise<AdapterPayload | undefined>;
    findByUid(uid: string): Promise<AdapterPayload | undefined>;
    findByUserCode(userCode: string): Promise<AdapterPayload | undefined>;
    consume(id: string): Promise<void>;
    destroy(id: string): Promise<void>;
    revokeByGrantId(grantId: string): Promise<void>;
  }

  export type ClaimsMap = Record<string, unknown> & { sub: string };

  export interface Account {
    accountId: string;
    claims(use: "id_token" | "userinfo", scope: string, claims: unknown, rejected: string[]): Promise<ClaimsMap> | ClaimsMap;
  }

  export interface ClientMetadata {
    client_id: string;
    client_secret?: string;
    client_name?: string;
    redirect_uris?: string[];
    post_logout_redirect_uris?: string[];
    grant_types?: string[];
    response_types?: string[];
    token_endpoint_auth_method?: string;
    id_token_signed_response_alg?: string;
    require_auth_time?: boolean;
    application_type?: "web" | "native";
    [key: string]: unknown;
  }

  export interface Client {
    clientId: string;
    clientName?: string;
    clientAuthMethod: string;
    redirectUris: string[];
  }

  export interface Session {
    uid: string;
    accountId?: string;
    loginTs?: number;
  }

  export interface OIDCContext {
    client?: Client;
    session?: Session;
    route: string;
  }

  /** The Koa context oidc-provider hands to its render hooks. */
  export interface KoaContextWithOIDC {
    oidc: OIDCContext;
    host: string;
    status: number;
    type: string;
    body: unknown;
    set(field: string, value: string): void;
  }

  export type ErrorOut = { error: string; error_description?: string; state?: string; iss?: string };

  export interface PromptDetail {
    name: "login" | "consent" | string;
    reasons: string[];
    details: {
      missingOIDCScope?: string[];
      missingOIDCClaims?: string[];
      missingResourceScopes?: Record<string, string[]>;
      [key: string]: unknown;
    };
  }

  export interface InteractionResults {
    login?: { accountId: string; amr?: string[]; acr?: string; remember?: boolean; ts?: number };
    consent?: { grantId?: string };
    error?: string;
    error_description?: string;
    [key: string]: unknown;
  }

  export interface Interaction {
    uid: string;
    exp: number;
    returnTo: string;
    prompt: PromptDetail;
    params: Record<string, unknown> & { client_id?: string; scope?: string; login_hint?: string };
    session?: { uid: string; accountId?: string; cookie?: string };
    grantId?: string;
    lastSubmission?: InteractionResults;
  }

  export class Grant {
    constructor(properties?: { accountId?: string; clientId?: string });
    readonly jti: string;
    accountId?: string;
    clientId?: string;
    addOIDCScope(scope: string): void;
    addOIDCClaims(claims: string[]): void;
    addResourceScope(resource: string, scope: string): void;
    save(ttl?: number): Promise<string>;
    static find(id: string): Promise<Grant | undefined>;
  }

  export interface CookieOptions {
    httpOnly?: boolean;
    sameSite?: "lax" | "strict" | "none";
    secure?: boolean;
    path?: string;
    maxAge?: number;
    overwrite?: boolean;
  }

  export type TTLFunction = (ctx: KoaContextWithOIDC, token: unknown, client?: Client) => number;

  export interface Configuration {
    adapter?: (model: string) => Adapter;
    clients?: ClientMetadata[];
    clientBasedCORS?: (ctx: KoaContextWithOIDC, origin: string, client: Client) => boolean;
    claims?: Record<string, string[] | null>;
    conformIdTokenClaims?: boolean;
    cookies?: {
      names?: { session?: string; interaction?: string; resume?: string };
      long?: CookieOptions;
      short?: CookieOptions;
      keys?: string[];
    };
    features?: Record<string, { enabled: boolean; [option: string]: unknown }>;
    findAccount?: (ctx: KoaContextWithOIDC, sub: string, token?: unknown) => Promise<Account | undefined>;
    interactions?: { url?: (ctx: KoaContextWithOIDC, interaction: Interaction) => string | Promise<string> };
    jwks?: { keys: object[] };
    pkce?: { required?: (ctx: KoaContextWithOIDC, client: Client) => boolean };
    renderError?: (ctx: KoaContextWithOIDC, out: ErrorOut, error: Error) => void | Promise<void>;
    responseTypes?: string[];
    routes?: Record<string, string>;
    scopes?: string[];
    clientAuthMethods?: string[];
    ttl?: Record<string, number | TTLFunction>;
    enabledJWA?: Record<string, string[]>;
    [key: string]: unknown;
  }

  export class Provider extends EventEmitter {
    constructor(issuer: string, configuration?: Configuration);
    readonly issuer: string;
    proxy: boolean;
    readonly Grant: typeof Grant;
    callback(): (req: IncomingMessage, res: ServerResponse) => Promise<void>;
    interactionDetails(req: IncomingMessage, res: ServerResponse): Promise<Interaction>;
    interactionResult(
      req: IncomingMessage,
      res: ServerResponse,
      result: InteractionResults,
      options?: { mergeWithLastSubmission?: boolean },
    ): Promise<string>;
    interactionFinished(
      req: IncomingMessage,
      res: ServerResponse,
      result: InteractionResults,
      options?: { mergeWithLastSubmission?: boolean },
    ): Promise<void>;
  }

  export namespace errors {
    class OIDCProviderError extends Error {
      error: string;
      error_description?: string;
      status: number;
      statusCode: number;
      expose: boolean;
    }
    class SessionNotFound extends OIDCProviderError {}
  }

  export default Provider;
}
