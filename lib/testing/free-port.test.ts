import net from "node:net";
import { describe, expect, it } from "vitest";
import { findFreePort } from "./free-port";

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
});
