// The IdP's pages as HTML strings: self-contained (inline CSS, no fonts, no scripts) so they
// render offline and under a CSP of `default-src 'none'`. Every interpolated value is escaped.

const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

export function escapeHtml(value: unknown): string {
  return String(value ?? "").replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

/** Marks a fragment that is already HTML (built by these helpers or by oidc-provider). */
export type SafeHtml = { readonly html: string };
const safe = (html: string): SafeHtml => ({ html });

const STYLE = `
*{box-sizing:border-box}
body{margin:0;min-height:100vh;display:flex;align-items:center;justify-content:center;background:#f1f4f8;
  font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;color:#1b2330}
main{width:100%;max-width:380px;margin:24px;padding:32px 28px;background:#fff;border:1px solid #d9dfe7;border-radius:10px;
  box-shadow:0 1px 3px rgba(16,24,40,.08)}
.brand{margin:0 0 4px;font-size:.8rem;font-weight:600;letter-spacing:.06em;text-transform:uppercase;color:#4a5a70}
h1{margin:0 0 20px;font-size:1.4rem;line-height:1.3}
p{margin:0 0 16px}
label{display:block;margin:16px 0 6px;font-weight:600;font-size:.92rem}
input[type=email],input[type=password]{width:100%;padding:10px 12px;font:inherit;color:inherit;background:#fff;
  border:1px solid #98a4b5;border-radius:6px}
input:focus-visible,button:focus-visible,a:focus-visible{outline:3px solid #8ab4ff;outline-offset:2px}
button{display:block;width:100%;margin-top:24px;padding:11px 14px;font:inherit;font-weight:600;color:#fff;
  background:#1f5fbf;border:0;border-radius:6px;cursor:pointer}
button:hover{background:#174b99}
button.secondary{margin-top:12px;color:#1b2330;background:#fff;border:1px solid #98a4b5}
button.secondary:hover{background:#f1f4f8}
.alert{margin:0 0 8px;padding:10px 12px;color:#8a1c1c;background:#fdecec;border:1px solid #f2b8b5;border-radius:6px}
.hint{margin-top:20px;font-size:.85rem;color:#4a5a70}
a{color:#1f5fbf}
`;

function page(title: string, body: SafeHtml): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<main>
<p class="brand">Rackwave portal SSO</p>
${body.html}
</main>
</body>
</html>
`;
}

export type LoginPageOptions = {
  /** Where the form posts: /interaction/:uid/login. */
  action: string;
  /** Where "Cancel" posts: /interaction/:uid/abort. */
  abortAction: string;
  email?: string;
  error?: string;
  /** Who asks: shown so people know which application they sign in to. */
  clientName?: string;
  /** True when the application asked for a fresh sign-in (prompt=login / max_age). */
  reauthenticate?: boolean;
};

export function loginPage(o: LoginPageOptions): string {
  const lead = o.reauthenticate
    ? `<p>Confirm it is you: sign in again to continue${o.clientName ? ` to ${escapeHtml(o.clientName)}` : ""}.</p>`
    : o.clientName
      ? `<p>to continue to ${escapeHtml(o.clientName)}</p>`
      : "";
  const alert = o.error ? `<p class="alert" role="alert" id="login-error">${escapeHtml(o.error)}</p>` : "";
  const described = o.error ? ` aria-describedby="login-error"` : "";
  return page(
    "Rackwave SSO — Sign in",
    safe(`<h1>Sign in</h1>
${lead}
${alert}
<form method="post" action="${escapeHtml(o.action)}">
<label for=email>Email</label>
<input id=email name=email type=email autocomplete=username required maxlength=254 value="${escapeHtml(o.email ?? "")}"${described}${o.email ? "" : " autofocus"}>
<label for=password>Password</label>
<input id=password name=password type=password autocomplete=current-password required maxlength=1024${described}${o.email ? " autofocus" : ""}>
<button type=submit>Sign in</button>
</form>
<form method="post" action="${escapeHtml(o.abortAction)}">
<button type=submit class=secondary>Cancel</button>
</form>`),
  );
}

/** The RP-initiated logout confirmation; `form` is oidc-provider's hidden form (id op.logoutForm) carrying its xsrf token. */
export function logoutPage(form: string, host: string): string {
  return page(
    "Rackwave SSO — Sign out",
    safe(`<h1>Sign out?</h1>
<p>Sign out of Rackwave SSO on ${escapeHtml(host)}? You will need your password to sign in again.</p>
${form}
<button type=submit form="op.logoutForm" name=logout value=yes autofocus>Sign out</button>
<button type=submit form="op.logoutForm" class=secondary>Stay signed in</button>`),
  );
}

export function loggedOutPage(clientName?: string): string {
  return page(
    "Rackwave SSO — Signed out",
    safe(`<h1>You are signed out</h1>
<p>You have signed out of Rackwave SSO${clientName ? ` and ${escapeHtml(clientName)}` : ""}. You can close this tab.</p>`),
  );
}

export function errorPage(title: string, message: string, detail?: string): string {
  return page(
    `Rackwave SSO — ${title}`,
    safe(`<h1>${escapeHtml(title)}</h1>
<p>${escapeHtml(message)}</p>
${detail ? `<p class="hint">${escapeHtml(detail)}</p>` : ""}`),
  );
}
