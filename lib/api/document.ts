// The document /api/v1/openapi.json serves, built once per process.
import { buildOpenApiDocument } from "./openapi";
import { API_OPERATIONS } from "./operations";

let built: ReturnType<typeof buildOpenApiDocument> | undefined;

export function openApiDocument() {
  return (built ??= buildOpenApiDocument(API_OPERATIONS));
}
