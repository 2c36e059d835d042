// For tests: the session a connection hands to prepareMessage after STARTTLS and AUTH.
import type { RelaySession } from "./prepare-message";

export function testSession(accountId: string, passwordVersion = 1): RelaySession {
  return {
    accountId,
    workspaceId: "ignored",
    username: "u",
    passwordVersion,
    clientIp: "127.0.0.1",
    clientHostname: null,
    helo: "client.test",
    protocol: "ESMTPSA",
    tlsProtocol: "TLSv1.3",
    tlsCipher: "TLS_AES_256_GCM_SHA384",
  };
}
