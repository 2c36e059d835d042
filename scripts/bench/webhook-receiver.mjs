// The relay benchmark's webhook receiver (scripts/bench/alerting.ts), in a process of its own that
// the benchmark lowers to the lowest CPU priority: a real receiver runs on another machine, so
// its CPU should not come out of the relay's two cores. So it does as little as an HTTP/1.1
// endpoint can: on kept-alive connections it finds each request's end by its Content-Length and
// answers 204, without building request objects (node:http's server cost ~70 µs of CPU per
// request, about what the relay spends sending it). Plain JavaScript, so it starts without tsx.
import net from "node:net";

const ANSWER = Buffer.from("HTTP/1.1 204 No Content\r\nConnection: keep-alive\r\n\r\n");
let received = 0;

const server = net.createServer((socket) => {
  socket.setNoDelay(true);
  let buffered = Buffer.alloc(0);
  socket.on("data", (chunk) => {
    buffered = buffered.length === 0 ? chunk : Buffer.concat([buffered, chunk]);
    let answers = 0;
    for (;;) {
      const headEnd = buffered.indexOf("\r\n\r\n");
      if (headEnd < 0) break;
      const head = buffered.toString("latin1", 0, headEnd);
      const length = Number(/\r\ncontent-length:\s*(\d+)/i.exec(head)?.[1] ?? 0);
      const end = headEnd + 4 + length;
      if (buffered.length < end) break;
      buffered = buffered.subarray(end);
      answers++;
    }
    if (answers === 0) return;
    received += answers;
    socket.write(answers === 1 ? ANSWER : Buffer.concat(Array.from({ length: answers }, () => ANSWER)));
  });
  socket.on("error", () => socket.destroy());
});
server.listen(0, "127.0.0.1", () => process.send({ port: server.address().port }));
process.on("message", (m) => {
  if (m === "count") process.send({ received });
  else if (m === "stop") {
    server.close(() => process.exit(0));
    // Kept-alive sockets would hold close() open.
    setTimeout(() => process.exit(0), 1000).unref();
  }
});
