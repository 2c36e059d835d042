import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";
import regexp from "eslint-plugin-regexp";

const config = [
  ...nextVitals,
  ...nextTs,
  {
    ignores: ["node_modules/**", ".next/**", "data/**", "lib/generated/**", ".relay-build/**", ".portal-build/**", "test-results/**", "playwright-report/**", "next-env.d.ts"],
  },
  {
    // Playwright fixtures take a `use` callback, which the React hooks rule mistakes for a hook.
    files: ["e2e/**"],
    rules: { "react-hooks/rules-of-hooks": "off" },
  },
  {
    // A regular expression whose time grows faster than its input freezes the process for
    // everyone: the relay and the portal parse what strangers send (a From header of 60,000
    // spaces took 4 s of the relay's only thread through /\s*@\s*/g).
    plugins: { regexp },
    rules: { "regexp/no-super-linear-backtracking": "error" },
  },
  {
    // Also a pattern retried at every position of a long input, in the code that reads what
    // clients, browsers and other servers send (tests, scripts and the stack read our own files).
    files: ["app/**", "components/**", "lib/**", "relay/**", "idp/**", "proxy.ts", "instrumentation.ts"],
    ignores: ["**/*.test.ts", "**/*.test.tsx"],
    rules: { "regexp/no-super-linear-move": "error" },
  },
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  {
    // Dependencies point one way: app/ → components/ → lib/; relay/, idp/, scripts/, stack/ → lib/.
    // stack/ (the composition of the three processes) is the one place that knows them all.
    rules: {
      "import/no-restricted-paths": [
        "error",
        {
          zones: [
            { target: "./lib", from: ["./app", "./components", "./relay", "./idp", "./scripts", "./stack", "./e2e"], message: "lib/ is the bottom layer: it imports none of the folders above it." },
            { target: "./components", from: ["./app", "./relay", "./idp", "./scripts", "./stack", "./e2e"], message: "components/ import from lib/ only (server actions live in lib/actions/)." },
            { target: "./app", from: ["./relay", "./idp", "./scripts", "./stack", "./e2e"], message: "app/ (the portal) imports components/ and lib/ only." },
            { target: "./relay", from: ["./app", "./components", "./idp", "./scripts", "./stack", "./e2e"], message: "relay/ imports lib/ only." },
            { target: "./idp", from: ["./app", "./components", "./relay", "./scripts", "./stack", "./e2e"], message: "idp/ imports lib/ only." },
            { target: "./stack", from: ["./app", "./components", "./scripts", "./e2e"], message: "stack/ composes lib/, relay/ and idp/; it imports no entry points or pages." },
            { target: "./scripts", from: ["./app", "./components", "./e2e"], message: "scripts/ are entry points over lib/, relay/, idp/ and stack/." },
          ],
        },
      ],
      "import/no-cycle": ["error", { ignoreExternal: true }],
    },
  },
  {
    // A host name goes to ASCII through lib/domains/ascii-host.ts, which refuses what the URL host
    // parser would cut short or decode ("a.test\\b.test" became a.test).
    ignores: ["lib/domains/ascii-host.ts"],
    rules: {
      "no-restricted-imports": ["error", { paths: [{ name: "node:url", importNames: ["domainToASCII"], message: "Use asciiHost (lib/domains/ascii-host.ts): domainToASCII silently cuts text at \\, ? or # and decodes %2e." }] }],
    },
  },
  {
    // Prisma's contains/startsWith/endsWith are LIKE patterns and Prisma does not escape them: a
    // search for "a_b" matched "axb" (lib/text/like-pattern.ts).
    files: ["app/**", "components/**", "lib/**", "relay/**", "idp/**", "stack/**", "scripts/**"],
    ignores: ["**/*.test.ts", "**/*.test.tsx"],
    rules: {
      "no-restricted-syntax": [
        "error",
        {
          selector: "Property[key.name=/^(contains|startsWith|endsWith)$/]:not([value.callee.name='escapeLike'])",
          message: "Prisma passes this text to LIKE as it is, so % and _ in it are wildcards: wrap it in escapeLike() (lib/text/like-pattern.ts).",
        },
      ],
    },
  },
  {
    // Integration tests sit beside the code they test and may start the processes above it.
    files: ["**/*.integration.test.ts"],
    rules: { "import/no-restricted-paths": "off" },
  },
];

export default config;
