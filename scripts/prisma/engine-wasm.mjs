// Loads Prisma's WebAssembly schema engine (@prisma/schema-engine-wasm) by hand.
// Why by hand: the package's entry point does `import "./schema_engine_bg.wasm"`, which Node 20
// cannot do (no Wasm ESM integration), so we instantiate the module ourselves.
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

const require = createRequire(import.meta.url);
// The package's exports map hides package.json; resolve a file it does export.
const pkgDir = path.dirname(require.resolve("@prisma/schema-engine-wasm/schema_engine_bg"));

/** Version of the Wasm engine package, e.g. 7.10.0-4.<commit>. */
export const wasmPackageVersion = JSON.parse(fs.readFileSync(path.join(pkgDir, "package.json"), "utf8")).version;
/** The engines commit the Wasm engine was built from (what the native binary reports). */
export const engineCommit = wasmPackageVersion.split(".").pop();

/** Panic messages: the Wasm glue reports them here before trapping (see set_message in the glue). */
class PanicRegistry {
  message = "";
  get() {
    return this.message;
  }
  set_message(value) {
    this.message = `RuntimeError: ${value}`;
  }
}

let bgPromise;

/** The instantiated bindings module (`schema_engine_bg.js` wired to its Wasm instance). */
export function loadWasmEngine() {
  bgPromise ??= (async () => {
    globalThis.PRISMA_WASM_PANIC_REGISTRY ??= new PanicRegistry();
    const bg = await import("@prisma/schema-engine-wasm/schema_engine_bg");
    const bytes = fs.readFileSync(path.join(pkgDir, "schema_engine_bg.wasm"));
    const instance = new WebAssembly.Instance(new WebAssembly.Module(bytes), { "./schema_engine_bg.js": bg });
    bg.__wbg_set_wasm(instance.exports);
    instance.exports.__wbindgen_start();
    return bg;
  })();
  return bgPromise;
}

/** The last panic message recorded by the Wasm engine ("" if none). */
export function lastPanicMessage() {
  return globalThis.PRISMA_WASM_PANIC_REGISTRY?.get() ?? "";
}
