export { runSmtpCheck, validateCheckOptions, tlsDetail } from "./run-check";
export { classifyFailure, lockoutAdvice } from "./classify";
export { formatTranscript, firstFailure } from "./format";
export { secretForms, scrubText, scrubResult, REDACTED } from "./scrub";
export type * from "./types";
