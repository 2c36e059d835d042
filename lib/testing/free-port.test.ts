import net from "node:net";
import { describe, expect, it } from "vitest";
import { findFreePort, portSlice } from "./free-port";

describe("a free port", () => {
  it("is below the kernel's ephemeral range, where outgoing connections do not take it, and can be listened on", async () => {
    const ports = await Promise.all(Array.from({ length: 5 }, () => findFreePort()));
    for (const port of ports) {
      expect(port).toBeGreaterThanOrEqual(20_000);
      expect(port).toBeLessThan(32_768);
      const server = net.createServer();
      await new Promise<void>((resolve, reject) => server.once("error", reject).listen({ host: "127.0.0.1", port }, resolve));
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it("is never handed out twice in one process, though a stack binds its ports only later", async () => {
    const ports: number[] = [];
    for (let i = 0; i < 300; i++) ports.push(await findFreePort());
    expect(new Set(ports).size).toBe(300);
  });

  it("comes from a slice of its own for each vitest worker, so two test files never pick the same one", async () => {
    expect(portSlice(undefined)).toEqual([20_000, 32_767]);
    const slices = ["1", "2", "3", "8"].map(portSlice);
    expect(slices[0]).toEqual([20_000, 21_595]);
    for (let i = 1; i < slices.length; i++) expect(slices[i]![0]).toBeGreaterThan(slices[i - 1]![1]);
    expect(portSlice("9")).toEqual(portSlice("1"));
    const [low, high] = portSlice(process.env.VITEST_POOL_ID);
    const port = await findFreePort();
    expect(port).toBeGreaterThanOrEqual(low);
    expect(port).toBeLessThanOrEqual(high);
  });
});
