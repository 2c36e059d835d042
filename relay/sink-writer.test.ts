import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { createSinkWriter, sinkPath, type SinkWriter } from "./sink-writer";

describe("the demo sink's writer", () => {
  const dirs: string[] = [];
  const writers: SinkWriter[] = [];
  const dataDir = () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "sink-writer-test-"));
    dirs.push(dir);
    return dir;
  };
  const writer = (dir: string) => {
    const w = createSinkWriter(dir);
    writers.push(w);
    return w;
  };
  afterEach(async () => {
    for (const w of writers.splice(0)) await w.stop();
    for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
  });

  it("writes each message to DATA_DIR/sink/<id>.eml, readable only by its owner, with no temporary file left", async () => {
    const dir = dataDir();
    const written = await writer(dir).write([
      { messageId: "m1", raw: Buffer.from("Subject: one\r\n\r\nbody 1\r\n") },
      { messageId: "m2", raw: new Uint8Array(Buffer.from("Subject: two\r\n\r\nbody 2\r\n")) },
    ]);
    expect(written.map((w) => [w.file, w.duplicate])).toEqual([
      [sinkPath(dir, "m1"), false],
      [sinkPath(dir, "m2"), false],
    ]);
    expect(fs.readFileSync(sinkPath(dir, "m2"), "utf8")).toBe("Subject: two\r\n\r\nbody 2\r\n");
    expect(fs.statSync(sinkPath(dir, "m1")).mode & 0o777).toBe(0o600);
    expect(fs.readdirSync(path.join(dir, "sink")).sort()).toEqual(["m1.eml", "m2.eml"]);
  });

  it("says a message was delivered before when its file is already there, and replaces it", async () => {
    const dir = dataDir();
    const sink = writer(dir);
    await sink.write([{ messageId: "m1", raw: Buffer.from("first") }]);
    const [again] = await sink.write([{ messageId: "m1", raw: Buffer.from("second") }]);
    expect(again!.duplicate).toBe(true);
    expect(fs.readFileSync(sinkPath(dir, "m1"), "utf8")).toBe("second");
  });

  it("fails the pass with the file system's error when the sink cannot be written, and works again once it can", async () => {
    const dir = dataDir();
    fs.writeFileSync(path.join(dir, "sink"), "a file where the sink directory should be");
    const sink = writer(dir);
    await expect(sink.write([{ messageId: "m1", raw: Buffer.from("x") }])).rejects.toMatchObject({ code: "EEXIST" });
    fs.rmSync(path.join(dir, "sink"));
    await expect(sink.write([{ messageId: "m1", raw: Buffer.from("x") }])).resolves.toHaveLength(1);
  });
});
