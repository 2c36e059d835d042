// The demo data set (demo mode): the embedded IdP's users and the workspaces the
// seed creates. One definition, read by idp/ (who may sign in) and the seed (who may do what).

export type DemoRole = "owner" | "admin" | "developer" | "viewer";

export type DemoUser = {
  /** The IdP's stable subject identifier for this user. */
  sub: string;
  email: string;
  name: string;
};

export type DemoWorkspace = {
  slug: string;
  name: string;
  domain: string;
  members: { email: string; role: DemoRole }[];
  accounts: { label: string; fromAddress: string | null }[];
};

export const DEMO_USERS: DemoUser[] = [
  { sub: "demo-owner-acme", email: "owner@acme.test", name: "Olivia Owner" },
  { sub: "demo-admin-acme", email: "admin@acme.test", name: "Ada Admin" },
  { sub: "demo-developer-acme", email: "developer@acme.test", name: "Dev Developer" },
  { sub: "demo-viewer-acme", email: "viewer@acme.test", name: "Vera Viewer" },
  { sub: "demo-admin-globex", email: "admin@globex.test", name: "Gus Globex" },
];

export const DEMO_WORKSPACES: DemoWorkspace[] = [
  {
    slug: "acme",
    name: "Acme",
    domain: "acme.test",
    members: [
      { email: "owner@acme.test", role: "owner" },
      { email: "admin@acme.test", role: "admin" },
      { email: "developer@acme.test", role: "developer" },
      { email: "viewer@acme.test", role: "viewer" },
    ],
    accounts: [
      { label: "Transactional mail", fromAddress: "noreply@acme.test" },
      { label: "Marketing newsletter", fromAddress: "news@acme.test" },
      { label: "Billing system", fromAddress: null },
    ],
  },
  {
    slug: "globex",
    name: "Globex",
    domain: "globex.test",
    members: [{ email: "admin@globex.test", role: "admin" }],
    accounts: [{ label: "Globex notifications", fromAddress: "alerts@globex.test" }],
  },
];
