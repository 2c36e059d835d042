// oidc-provider's storage (sessions, interactions, grants, codes, tokens) in SQLite, so a restart
// of the IdP keeps people signed in and in-flight sign-ins working.
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import type { Adapter, AdapterPayload } from "oidc-provider";

/** Models whose rows carry a grantId and are revoked together with their grant. */
const GRANTABLE = new Set([
  "AccessToken",
  "AuthorizationCode",
  "RefreshToken",
  "DeviceCode",
  "BackchannelAuthenticationRequest",
  "PreAuthorizedCode",
]);

const PRUNE_INTERVAL_MS = 60_000;

type Row = { payload: string; consumed_at: number | null };

export type IdpStore = {
  /** The factory to pass as oidc-provider's `adapter` setting. */
  adapterFor: (model: string) => Adapter;
  close: () => void;
};

export function openIdpStore(dataDir: string): IdpStore {
  const file = path.join(dataDir, "idp", "store.db");
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const db = new Database(file);
  db.pragma("journal_mode = WAL");
  db.pragma("busy_timeout = 5000");
  db.pragma("synchronous = NORMAL");
  fs.chmodSync(file, 0o600);
  db.exec(`
    CREATE TABLE IF NOT EXISTS oidc_payload (
      model       TEXT NOT NULL,
      id          TEXT NOT NULL,
      payload     TEXT NOT NULL,
      grant_id    TEXT,
      user_code   TEXT,
      uid         TEXT,
      expires_at  INTEGER,            -- epoch ms; NULL never expires
      consumed_at INTEGER,            -- epoch s, as oidc-provider expects in payload.consumed
      PRIMARY KEY (model, id)
    ) WITHOUT ROWID;
    CREATE INDEX IF NOT EXISTS oidc_payload_grant ON oidc_payload (model, grant_id) WHERE grant_id IS NOT NULL;
    CREATE INDEX IF NOT EXISTS oidc_payload_uid ON oidc_payload (model, uid) WHERE uid IS NOT NULL;
    CREATE INDEX IF NOT EXISTS oidc_payload_user_code ON oidc_payload (model, user_code) WHERE user_code IS NOT NULL;
    CREATE INDEX IF NOT EXISTS oidc_payload_expiry ON oidc_payload (expires_at) WHERE expires_at IS NOT NULL;
  `);

  const live = "(expires_at IS NULL OR expires_at > @now)";
  const stmts = {
    upsert: db.prepare(`
      INSERT INTO oidc_payload (model, id, payload, grant_id, user_code, uid, expires_at, consumed_at)
      VALUES (@model, @id, @payload, @grantId, @userCode, @uid, @expiresAt, NULL)
      ON CONFLICT (model, id) DO UPDATE SET payload = excluded.payload, grant_id = excluded.grant_id,
        user_code = excluded.user_code, uid = excluded.uid, expires_at = excluded.expires_at, consumed_at = NULL`),
    find: db.prepare<{ model: string; id: string; now: number }, Row>(
      `SELECT payload, consumed_at FROM oidc_payload WHERE model = @model AND id = @id AND ${live}`,
    ),
    findByUid: db.prepare<{ model: string; uid: string; now: number }, Row>(
      `SELECT payload, consumed_at FROM oidc_payload WHERE model = @model AND uid = @uid AND ${live} LIMIT 1`,
    ),
    findByUserCode: db.prepare<{ model: string; userCode: string; now: number }, Row>(
      `SELECT payload, consumed_at FROM oidc_payload WHERE model = @model AND user_code = @userCode AND ${live} LIMIT 1`,
    ),
    consume: db.prepare(`UPDATE oidc_payload SET consumed_at = @at WHERE model = @model AND id = @id`),
    destroy: db.prepare(`DELETE FROM oidc_payload WHERE model = @model AND id = @id`),
    revokeByGrantId: db.prepare(`DELETE FROM oidc_payload WHERE model = @model AND grant_id = @grantId`),
    prune: db.prepare(`DELETE FROM oidc_payload WHERE expires_at IS NOT NULL AND expires_at <= @now`),
  };

  let lastPrune = 0;
  // Expired rows are invisible to reads at once; deleting them is batched to at most once a minute.
  const pruneLazily = (now: number) => {
    if (now - lastPrune < PRUNE_INTERVAL_MS) return;
    lastPrune = now;
    stmts.prune.run({ now });
  };

  const toPayload = (row: Row | undefined): AdapterPayload | undefined => {
    if (!row) return undefined;
    const payload = JSON.parse(row.payload) as AdapterPayload;
    return row.consumed_at === null ? payload : { ...payload, consumed: row.consumed_at };
  };

  const adapterFor = (model: string): Adapter => ({
    async upsert(id, payload, expiresIn) {
      const now = Date.now();
      stmts.upsert.run({
        model,
        id,
        payload: JSON.stringify(payload),
        grantId: GRANTABLE.has(model) ? (payload.grantId ?? null) : null,
        userCode: payload.userCode ?? null,
        uid: model === "Session" ? (payload.uid ?? null) : null,
        expiresAt: typeof expiresIn === "number" ? now + expiresIn * 1000 : null,
      });
      pruneLazily(now);
    },
    async find(id) {
      return toPayload(stmts.find.get({ model, id, now: Date.now() }));
    },
    async findByUid(uid) {
      return toPayload(stmts.findByUid.get({ model, uid, now: Date.now() }));
    },
    async findByUserCode(userCode) {
      return toPayload(stmts.findByUserCode.get({ model, userCode, now: Date.now() }));
    },
    async consume(id) {
      stmts.consume.run({ model, id, at: Math.floor(Date.now() / 1000) });
    },
    async destroy(id) {
      stmts.destroy.run({ model, id });
    },
    async revokeByGrantId(grantId) {
      stmts.revokeByGrantId.run({ model, grantId });
    },
  });

  return { adapterFor, close: () => db.close() };
}
