// For tests only: an authoritative DNS server on loopback (UDP) answering TXT queries from a
// table the test edits. Unknown names answer NXDOMAIN; names in `silent` are never answered
// (a timeout). Long values are split into 255-byte strings as real zones do.
import dgram from "node:dgram";
// @ts-expect-error dns-packet ships no types (a dev dependency of tests only).
import dnsPacket from "dns-packet";

type Question = { name: string; type: string };
type Packet = { id: number; flags?: number; questions?: Question[] };
const packet = dnsPacket as { decode(b: Buffer): Packet; encode(p: unknown): Buffer };

export type TestDnsServer = {
  port: number;
  /** host:port for DNS_SERVERS. */
  address: string;
  /** Publish (replace) the TXT values of a name. */
  setTxt(name: string, values: string[]): void;
  remove(name: string): void;
  /** Never answer queries for this name. */
  silence(name: string): void;
  queries: string[];
  close(): Promise<void>;
};

const AUTHORITATIVE = 1 << 10;
const NXDOMAIN = 3;

export function splitTxt(value: string): string[] {
  const parts: string[] = [];
  for (let i = 0; i < value.length; i += 255) parts.push(value.slice(i, i + 255));
  return parts.length > 0 ? parts : [""];
}

export async function startTestDnsServer(): Promise<TestDnsServer> {
  const records = new Map<string, string[]>();
  const silent = new Set<string>();
  const queries: string[] = [];
  const socket = dgram.createSocket("udp4");
  const key = (name: string) => name.toLowerCase().replace(/\.$/, "");

  socket.on("message", (message, remote) => {
    let query: Packet;
    try {
      query = packet.decode(message);
    } catch {
      return;
    }
    const question = query.questions?.[0];
    if (!question) return;
    const name = key(question.name);
    queries.push(`${question.type} ${name}`);
    if (silent.has(name)) return;
    const values = records.get(name);
    const exists = values !== undefined || [...records.keys()].some((n) => n.endsWith(`.${name}`));
    const answers = question.type === "TXT" && values ? values.map((v) => ({ type: "TXT", name: question.name, ttl: 60, class: "IN", data: splitTxt(v) })) : [];
    const response = packet.encode({
      type: "response",
      id: query.id,
      flags: AUTHORITATIVE | (exists ? 0 : NXDOMAIN),
      questions: query.questions,
      answers,
    });
    socket.send(response, remote.port, remote.address);
  });

  await new Promise<void>((resolve, reject) => {
    socket.once("error", reject);
    socket.bind(0, "127.0.0.1", () => resolve());
  });
  const port = socket.address().port;
  return {
    port,
    address: `127.0.0.1:${port}`,
    setTxt: (name, values) => {
      silent.delete(key(name));
      records.set(key(name), values);
    },
    remove: (name) => void records.delete(key(name)),
    silence: (name) => void silent.add(key(name)),
    queries,
    close: () => new Promise<void>((resolve) => socket.close(() => resolve())),
  };
}
