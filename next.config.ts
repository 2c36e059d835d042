import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // Native and Node-only server packages stay out of the bundle.
  serverExternalPackages: ["better-sqlite3", "pg", "@prisma/adapter-better-sqlite3", "@prisma/adapter-pg", "nodemailer", "pino"],
  poweredByHeader: false,
  productionBrowserSourceMaps: false,
  // proxy.ts sets these (and the nonce CSP) on every response it handles; this covers the
  // static files it does not run for.
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "X-Frame-Options", value: "DENY" },
          { key: "Referrer-Policy", value: "same-origin" },
        ],
      },
    ];
  },
};

export default nextConfig;
