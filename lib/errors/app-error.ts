// One error type with a closed set of codes. The portal maps codes to HTTP status and UI
// text, the relay to SMTP replies. The message is for the user; details stay in logs.
export const ERROR_CODES = [
  "UNAUTHENTICATED",
  "NOT_FOUND",
  "FORBIDDEN",
  "INVALID_INPUT",
  "STEP_UP_REQUIRED",
  "RATE_LIMITED",
  "CONFLICT",
  "INTERNAL",
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = "AppError";
  }
}

export type ActionResult<T> = ({ ok: true } & T) | { ok: false; code: ErrorCode; message: string; field?: string };

export const DEFAULT_MESSAGES: Record<ErrorCode, string> = {
  UNAUTHENTICATED: "Your session has ended. Sign in again to continue.",
  NOT_FOUND: "Not found. It may have been deleted, or you do not have access to it.",
  FORBIDDEN: "Your role does not allow this. Ask a workspace admin.",
  INVALID_INPUT: "Some of the input is not valid.",
  STEP_UP_REQUIRED: "For your security, confirm it's you by signing in again.",
  RATE_LIMITED: "Too many attempts. Wait a little and try again.",
  CONFLICT: "This conflicts with a change made meanwhile. Reload and try again.",
  INTERNAL: "Something went wrong on our side. Try again; if it keeps failing, contact support.",
};
