import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { placeSink } from "./sink-dir";

describe("the benchmark's sink placement", () => {
  const dirs: string[] = [];
  const tempDir = () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "sink-dir-test-"));
    dirs.push(dir);
    return dir;
  };
  afterEach(() => {
    for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
  });

  it("points DATA_DIR/sink at a fresh directory elsewhere, and removes it afterwards", () => {
    const dataDir = tempDir();
    const elsewhere = tempDir();
    const sink = placeSink(dataDir, elsewhere);
    const target = fs.realpathSync(path.join(dataDir, "sink"));
    expect(path.dirname(target)).toBe(fs.realpathSync(elsewhere));
    fs.writeFileSync(path.join(dataDir, "sink", "m1.eml"), "x");
    expect(fs.readdirSync(target)).toEqual(["m1.eml"]);
    sink.remove();
    expect(fs.existsSync(target)).toBe(false);
  });

  it("leaves the sink in the test bed when told disk, or when the directory does not exist", () => {
    const dataDir = tempDir();
    expect(placeSink(dataDir, "disk").where).toMatch(/on disk/);
    expect(placeSink(dataDir, path.join(dataDir, "missing")).where).toMatch(/on disk/);
    expect(fs.existsSync(path.join(dataDir, "sink"))).toBe(false);
  });
});
