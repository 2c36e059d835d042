#!/usr/bin/env bash
# The management API from a shell, as an admin's script would use it: curl and python3 only, no
# project code. Given a token (MIGO_TOKEN, MIGO_TOKEN_ID) for workspace MIGO_WORKSPACE on the
# portal at MIGO_URL: create an account, rotate its password with a 1-hour grace window (retried
# with the same Idempotency-Key: one rotation), read the new password once, log in to the relay
# with it over STARTTLS (Python smtplib, trusting MIGO_CA_FILE) and with the previous one (still
# valid in its grace window), read the login event back, revoke the token, and see 401. Prints one line per step; exits non-zero at the first failure.
set -euo pipefail
: "${MIGO_URL:?}" "${MIGO_WORKSPACE:?}" "${MIGO_TOKEN:?}" "${MIGO_TOKEN_ID:?}" "${MIGO_SMTP_HOST:?}" "${MIGO_SMTP_PORT:?}" "${MIGO_CA_FILE:?}" "${MIGO_FROM:?}"

API="$MIGO_URL/api/v1/workspaces/$MIGO_WORKSPACE"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
# The token goes to curl through a file, never on a command line (ps would show it).
printf 'header = "Authorization: Bearer %s"\n' "$MIGO_TOKEN" > "$WORK/auth"
chmod 600 "$WORK/auth"

fail() { echo "FAIL: $*" >&2; exit 1; }
# api METHOD PATH [JSON] [extra curl args…] → body in $WORK/body, status echoed
api() {
  local method="$1" path="$2" data="${3:-}"
  shift 3
  local args=(-sS -o "$WORK/body" -w '%{http_code}' -K "$WORK/auth" -X "$method" "$API$path")
  if [ -n "$data" ]; then args+=(-H 'Content-Type: application/json' --data "$data"); fi
  curl "${args[@]}" "$@"
}
json() { python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(eval(sys.argv[2], {}, {"d": d}))' "$WORK/body" "$1"; }

status=$(api POST /smtp-accounts '{"label":"Shell test","from":"'"$MIGO_FROM"'"}' -H "Idempotency-Key: shell-create-$$")
[ "$status" = 201 ] || fail "create account: HTTP $status $(cat "$WORK/body")"
ACCOUNT=$(json 'd["credentials"]["accountId"]')
USERNAME=$(json 'd["credentials"]["username"]')
FIRST_VERSION=$(json 'd["credentials"]["passwordVersion"]')
echo "created account $ACCOUNT ($USERNAME)"

FIRST_PASSWORD=$(json 'd["credentials"]["password"]')
KEY="shell-rotate-$$"
status=$(api POST "/smtp-accounts/$ACCOUNT/credentials/rotate" '{"graceSeconds":3600}' -H "Idempotency-Key: $KEY")
[ "$status" = 200 ] || fail "rotate: HTTP $status $(cat "$WORK/body")"
VERSION=$(json 'd["passwordVersion"]')
PASSWORD=$(json 'd["password"]')
[ "$VERSION" = $((FIRST_VERSION + 1)) ] || fail "rotate: version $VERSION after $FIRST_VERSION"
status=$(api POST "/smtp-accounts/$ACCOUNT/credentials/rotate" '{"graceSeconds":3600}' -H "Idempotency-Key: $KEY")
[ "$status" = 200 ] || fail "retried rotate: HTTP $status"
[ "$(json 'd["passwordVersion"]')" = "$VERSION" ] || fail "the retried rotate rotated again"
[ "$(json 'd["password"]')" = "$PASSWORD" ] || fail "the retried rotate answered another password"
echo "rotated once with a 1-hour grace window (version $VERSION), the retry replayed it"

# relay_login PASSWORD: AUTH over STARTTLS with Python's smtplib; the password on fd 3, not argv.
relay_login() {
python3 - "$MIGO_SMTP_HOST" "$MIGO_SMTP_PORT" "$MIGO_CA_FILE" "$USERNAME" <<'PY' 3<<<"$1"
import os, smtplib, ssl, sys
host, port, ca, username = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
password = os.fdopen(3).read().strip()
context = ssl.create_default_context(cafile=ca)
with smtplib.SMTP(host, port, timeout=20) as smtp:
    smtp.ehlo("shell-test.example")
    smtp.starttls(context=context)
    smtp.ehlo("shell-test.example")
    code, reply = smtp.login(username, password)
    print(f"relay AUTH: {code} {reply.decode()}")
    if code != 235: sys.exit(1)
PY
}
relay_login "$PASSWORD"
relay_login "$FIRST_PASSWORD" || fail "the previous password no longer works inside its grace window"
echo "the previous password still works during the grace window"

for _ in $(seq 1 50); do
  status=$(api GET "/smtp-accounts/$ACCOUNT/login-events?result=success" "")
  [ "$status" = 200 ] || fail "login events: HTTP $status"
  if [ "$(json 'len([e for e in d["events"] if e["passwordVersion"] == '"$VERSION"'])')" -ge 1 ]; then break; fi
  sleep 0.2
done
[ "$(json 'len(d["events"])')" -ge 1 ] || fail "no successful login event for $USERNAME"
echo "login event: $(json 'd["events"][0]["method"]') from $(json 'd["events"][0]["clientIp"]') with password version $(json 'd["events"][0]["passwordVersion"]')"

status=$(api POST "/api-tokens/$MIGO_TOKEN_ID/revoke" "")
[ "$status" = 200 ] || fail "revoke: HTTP $status $(cat "$WORK/body")"
status=$(api GET /smtp-accounts "")
[ "$status" = 401 ] || fail "after revoking, HTTP $status instead of 401"
grep -q '"code":"UNAUTHENTICATED"' "$WORK/body" || fail "the 401 is not a problem document: $(cat "$WORK/body")"
echo "revoked: 401 $(json 'd["title"]')"
