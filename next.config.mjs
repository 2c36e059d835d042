// JavaScript, not TypeScript: Next.js compiles a next.config.ts with its native SWC module
// every time the portal starts, which kept that module (~20 MB resident) loaded for the
// process's life and took 90-110 ms; this file loads in ~30 ms and SWC is never mapped.

/** @type {import("next").NextConfig} */
const nextConfig = {
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
