// workspaceAction on its own: input parsing, the authorisation answers, step-up for secret
// actions, and what an error may tell the browser. Only the workspace-context loader is
// replaced, since the real one reads the session through next-auth's request context.
import fs from "node:fs";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { AppError, DEFAULT_MESSAGES } from "../errors/app-error";
import { createTestEnv } from "../testing/test-env";
import { workspaceAction, ZWorkspaceSlug } from "./action";
import { type ContextResult, loadWorkspaceContext, type WorkspaceContext } from "./workspace-context";

vi.mock("./workspace-context", () => ({ loadWorkspaceContext: vi.fn() }));
const loader = vi.mocked(loadWorkspaceContext);

const MAX_AGE_SECONDS = 600;
const ZInput = z.object({ workspace: ZWorkspaceSlug, accountId: z.string().min(1).max(64) });
const input = { workspace: "acme", accountId: "acc_1" };

function signedIn(authTime: Date | null = new Date()): ContextResult {
  const context: WorkspaceContext = {
    user: { id: "u1", email: "admin@acme.test", name: "Admin", sessionId: "s1", authTime },
    workspace: { id: "w1", slug: "acme", name: "Acme", maxPasswordLifetimeDays: null, showPasswordsOnce: false },
    role: "admin",
  };
  return { ok: true, context };
}

let dataDir: string;
beforeAll(() => {
  // A complete configuration for getEnv() (the wrapper reads STEP_UP_MAX_AGE from it).
  const { dir, vars } = createTestEnv({ STEP_UP_MAX_AGE: String(MAX_AGE_SECONDS) });
  dataDir = dir;
  for (const [name, value] of Object.entries(vars)) vi.stubEnv(name, value);
});
afterAll(() => {
  vi.unstubAllEnvs();
  fs.rmSync(dataDir, { recursive: true, force: true });
});
beforeEach(() => {
  loader.mockReset();
  vi.restoreAllMocks();
});

describe("workspaceAction", () => {
  it("refuses input that does not match the schema with INVALID_INPUT naming the field, before any session lookup", async () => {
    const run = vi.fn();
    const result = await workspaceAction("credentials:reveal", ZInput, run)({ workspace: "acme", accountId: "" });
    expect(result).toMatchObject({ ok: false, code: "INVALID_INPUT", field: "accountId" });
    expect(!result.ok && result.message).toMatch(/^accountId: /);
    expect(loader).not.toHaveBeenCalled();
    expect(run).not.toHaveBeenCalled();
  });

  it("refuses a NUL character in any field by the field's name, before any session lookup", async () => {
    const run = vi.fn();
    const result = await workspaceAction("credentials:reveal", ZInput, run)({ workspace: "acme", accountId: "acc\u0000_1" });
    expect(result).toMatchObject({ ok: false, code: "INVALID_INPUT", field: "accountId", message: "accountId: contains a NUL character; remove it and try again" });
    expect(loader).not.toHaveBeenCalled();
    expect(run).not.toHaveBeenCalled();
  });

  it("answers UNAUTHENTICATED when no one is signed in, without running the use case", async () => {
    loader.mockResolvedValue({ ok: false, code: "UNAUTHENTICATED" });
    const run = vi.fn();
    const result = await workspaceAction("credentials:reveal", ZInput, run)(input);
    expect(result).toEqual({ ok: false, code: "UNAUTHENTICATED", message: DEFAULT_MESSAGES.UNAUTHENTICATED });
    expect(run).not.toHaveBeenCalled();
  });

  it("answers NOT_FOUND for a workspace the user is not a member of, without running the use case", async () => {
    loader.mockResolvedValue({ ok: false, code: "NOT_FOUND" });
    const run = vi.fn();
    const result = await workspaceAction("credentials:reveal", ZInput, run)(input);
    expect(result).toEqual({ ok: false, code: "NOT_FOUND", message: DEFAULT_MESSAGES.NOT_FOUND });
    expect(run).not.toHaveBeenCalled();
  });

  it("asks the loader for the action's permission and answers FORBIDDEN when the role lacks it", async () => {
    loader.mockResolvedValue({ ok: false, code: "FORBIDDEN" });
    const run = vi.fn();
    const result = await workspaceAction("credentials:reset", ZInput, run)(input);
    expect(loader).toHaveBeenCalledWith("acme", "credentials:reset");
    expect(result).toEqual({ ok: false, code: "FORBIDDEN", message: DEFAULT_MESSAGES.FORBIDDEN });
    expect(run).not.toHaveBeenCalled();
  });

  it("runs the use case with the parsed input and the workspace context and returns its result with ok: true", async () => {
    const loaded = signedIn();
    loader.mockResolvedValue(loaded);
    const run = vi.fn(async () => ({ done: 1 }));
    const result = await workspaceAction("credentials:reveal", ZInput, run)({ ...input, extra: "dropped" });
    expect(result).toEqual({ ok: true, done: 1 });
    expect(run).toHaveBeenCalledWith(input, loaded.ok && loaded.context);
  });

  it("passes an AppError's code, message and field through to the caller", async () => {
    loader.mockResolvedValue(signedIn());
    const result = await workspaceAction("accounts:manage", ZInput, async () => {
      throw new AppError("CONFLICT", "This account was changed meanwhile.", "accountId");
    })(input);
    expect(result).toEqual({ ok: false, code: "CONFLICT", message: "This account was changed meanwhile.", field: "accountId" });
  });

  it("turns an unexpected error into INTERNAL with the generic message and never sends the error's text", async () => {
    loader.mockResolvedValue(signedIn());
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    const result = await workspaceAction("accounts:manage", ZInput, async () => {
      throw new Error("connect ECONNREFUSED postgresql://root:hunter2@db:5432");
    })(input);
    expect(result).toEqual({ ok: false, code: "INTERNAL", message: DEFAULT_MESSAGES.INTERNAL });
    expect(JSON.stringify(result)).not.toMatch(/hunter2|ECONNREFUSED|postgresql/);
    expect(logged).toHaveBeenCalledOnce();
  });

  describe("for an action that returns or creates a secret", () => {
    const stale = () => new Date(Date.now() - (MAX_AGE_SECONDS + 5) * 1000);

    it("answers STEP_UP_REQUIRED when the IdP authentication is older than STEP_UP_MAX_AGE, without running the use case", async () => {
      const run = vi.fn(async () => ({ password: "x" }));
      for (const authTime of [stale(), null]) {
        loader.mockResolvedValue(signedIn(authTime));
        const result = await workspaceAction("accounts:manage", ZInput, run, { secret: "createAccountAction" })(input);
        expect(result).toMatchObject({ ok: false, code: "STEP_UP_REQUIRED" });
      }
      expect(run).not.toHaveBeenCalled();
    });

    it("runs the use case when the authentication is fresh", async () => {
      loader.mockResolvedValue(signedIn(new Date(Date.now() - 10_000)));
      const result = await workspaceAction("accounts:manage", ZInput, async () => ({ created: true }), { secret: "createAccountAction" })(input);
      expect(result).toEqual({ ok: true, created: true });
    });

    it("answers FORBIDDEN rather than STEP_UP_REQUIRED to a role without the permission", async () => {
      loader.mockResolvedValue({ ok: false, code: "FORBIDDEN" });
      const result = await workspaceAction("accounts:manage", ZInput, vi.fn(), { secret: "createAccountAction" })(input);
      expect(result).toMatchObject({ ok: false, code: "FORBIDDEN" });
    });
  });

  it("does not ask an action that handles no secret for step-up", async () => {
    loader.mockResolvedValue(signedIn(null));
    const result = await workspaceAction("accounts:manage", ZInput, async () => ({}))(input);
    expect(result).toEqual({ ok: true });
  });
});
