// The request header through which the portal's server hands the socket's peer address to the
// app (Next.js exposes no socket). Keep in step with scripts/portal-server.ts.
export const PEER_HEADER = "x-migosmtp-peer";
