// The relay benchmark's webhook receiver (scripts/bench/alerting.ts), in a process of its own that
// the benchmark lowers to the lowest CPU priority: a real receiver runs on another machine, so
// its CPU should not come out of the relay's two cores. It answers every request 204 without
// parsing the body, on kept-alive connections; plain JavaScript, so it starts without tsx.
import http from "node:http";

let received = 0;
const server = http.createServer({ keepAliveTimeout: 60_000 }, (req, res) => {
  req.resume();
  req.on("end", () => {
    received++;
    res.writeHead(204).end();
  });
});
server.listen(0, "127.0.0.1", () => process.send({ port: server.address().port }));
process.on("message", (m) => {
  if (m === "count") process.send({ received });
  else if (m === "stop") server.close(() => process.exit(0));
});
