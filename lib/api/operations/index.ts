// Every operation of /api/v1, for the OpenAPI document. A route file that is not here is
// missing from the document, and lib/api/openapi.integration.test.ts fails.
import * as accounts from "./accounts";
import * as credentials from "./credentials";
import * as domains from "./domains";
import * as logs from "./logs";
import * as tokens from "./tokens";
import type { Operation } from "../operation";

export const API_OPERATIONS: readonly Operation[] = [accounts, credentials, domains, logs, tokens].flatMap((group) => Object.values(group) as Operation[]);
