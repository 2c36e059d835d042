// The IdP's token-signing keys: generated once into DATA_DIR/idp/jwks.json (mode 0600) so ID
// tokens stay verifiable across restarts, instead of oidc-provider's public development keys.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { promisify } from "node:util";

const generateKeyPair = promisify(crypto.generateKeyPair);

/** A private JWK as stored on disk and handed to oidc-provider's `jwks` setting. */
export type PrivateJwk = crypto.JsonWebKey & { kid: string; alg: string; use: "sig"; kty: string };
export type PrivateJwks = { keys: PrivateJwk[] };

export function jwksPath(dataDir: string): string {
  return path.join(dataDir, "idp", "jwks.json");
}

/** Create DATA_DIR/idp/jwks.json (RS256 first: the default ID token algorithm, then ES256) unless present. */
export async function ensureIdpSigningKeys(dataDir: string): Promise<void> {
  const file = jwksPath(dataDir);
  if (fs.existsSync(file)) {
    readIdpSigningKeys(dataDir); // fail early on a damaged file rather than at the first sign-in
    return;
  }
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });

  const rsa = await generateKeyPair("rsa", { modulusLength: 2048 });
  const ec = await generateKeyPair("ec", { namedCurve: "P-256" });
  const jwks: PrivateJwks = { keys: [toJwk(rsa.privateKey, "RS256"), toJwk(ec.privateKey, "ES256")] };

  // Write beside and rename: a crash never leaves a half-written key file, and `wx` on the temp
  // name keeps two starting processes from interleaving; the loser simply keeps the winner's file.
  const tmp = `${file}.${process.pid}.${crypto.randomBytes(4).toString("hex")}.tmp`;
  fs.writeFileSync(tmp, `${JSON.stringify(jwks, null, 2)}\n`, { mode: 0o600, flag: "wx" });
  try {
    fs.linkSync(tmp, file); // fails if another process created the file meanwhile
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
  } finally {
    fs.rmSync(tmp, { force: true });
  }
}

export function readIdpSigningKeys(dataDir: string): PrivateJwks {
  const file = jwksPath(dataDir);
  let parsed: unknown;
  try {
    parsed = JSON.parse(fs.readFileSync(file, "utf8"));
  } catch (error) {
    throw new Error(`IdP signing keys in ${file} cannot be read: ${(error as Error).message}`);
  }
  const keys = (parsed as Partial<PrivateJwks> | null)?.keys;
  if (!Array.isArray(keys) || keys.length === 0 || !keys.every((k) => typeof k?.kid === "string" && typeof k.d === "string"))
    throw new Error(`IdP signing keys in ${file} are not a private JWKS; delete the file to generate new keys.`);
  return { keys };
}

function toJwk(privateKey: crypto.KeyObject, alg: "RS256" | "ES256"): PrivateJwk {
  const jwk = privateKey.export({ format: "jwk" });
  return { ...jwk, kty: jwk.kty!, kid: thumbprint(jwk), alg, use: "sig" };
}

/** RFC 7638 JWK thumbprint: a kid derived from the public key, stable for the key's life. */
function thumbprint(jwk: crypto.JsonWebKey): string {
  const members =
    jwk.kty === "RSA" ? { e: jwk.e, kty: jwk.kty, n: jwk.n } : { crv: jwk.crv, kty: jwk.kty, x: jwk.x, y: jwk.y };
  return crypto.createHash("sha256").update(JSON.stringify(members)).digest("base64url");
}
