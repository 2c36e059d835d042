// Ready-to-paste configuration for an account, filled with its values and the public host
// and ports. Pure functions of the credentials, so the panel and tests agree.
import type { CredentialsView } from "./credentials-view";

export type Snippet = { id: string; title: string; language: string; code: string; note?: string };

// btoa, not Buffer: this also runs in the browser.
const b64 = (s: string) => btoa(String.fromCharCode(...new TextEncoder().encode(s)));

export function credentialSnippets(c: CredentialsView): Snippet[] {
  const from = c.fromEmail.value;
  return [
    {
      id: "env",
      title: ".env",
      language: "dotenv",
      note: "Never commit this file: add .env to .gitignore. `npm run smtp:check` reads these same variables to test them.",
      code: [`SMTP_HOST=${c.smtpHost}`, `SMTP_PORT=${c.smtpPort}`, `SMTP_USERNAME=${c.username}`, `SMTP_PASSWORD=${c.password}`, `SMTP_FROM=${from}`].join("\n"),
    },
    {
      id: "node",
      title: "Node.js (nodemailer)",
      language: "javascript",
      code: `import nodemailer from "nodemailer";

const transporter = nodemailer.createTransport({
  host: process.env.SMTP_HOST, // ${c.smtpHost}
  port: Number(process.env.SMTP_PORT), // ${c.smtpPort}: STARTTLS
  secure: false,
  requireTLS: true,
  auth: { user: process.env.SMTP_USERNAME, pass: process.env.SMTP_PASSWORD },
});

await transporter.sendMail({ from: "${from}", to: "someone@example.com", subject: "Hello", text: "Sent through MigoSMTP" });`,
    },
    {
      id: "python",
      title: "Python (smtplib)",
      language: "python",
      code: `import os, smtplib
from email.message import EmailMessage

msg = EmailMessage()
msg["From"] = "${from}"
msg["To"] = "someone@example.com"
msg["Subject"] = "Hello"
msg.set_content("Sent through MigoSMTP")

with smtplib.SMTP(os.environ["SMTP_HOST"], int(os.environ["SMTP_PORT"])) as smtp:  # ${c.smtpHost}:${c.smtpPort}
    smtp.starttls()
    smtp.login(os.environ["SMTP_USERNAME"], os.environ["SMTP_PASSWORD"])
    smtp.send_message(msg)`,
    },
    {
      id: "php",
      title: "PHP (PHPMailer)",
      language: "php",
      code: `use PHPMailer\\PHPMailer\\PHPMailer;

$mail = new PHPMailer(true);
$mail->isSMTP();
$mail->Host = getenv('SMTP_HOST');       // ${c.smtpHost}
$mail->Port = (int) getenv('SMTP_PORT'); // ${c.smtpPort}
$mail->SMTPSecure = PHPMailer::ENCRYPTION_STARTTLS;
$mail->SMTPAuth = true;
$mail->Username = getenv('SMTP_USERNAME');
$mail->Password = getenv('SMTP_PASSWORD');
$mail->setFrom('${from}');
$mail->addAddress('someone@example.com');
$mail->Subject = 'Hello';
$mail->Body = 'Sent through MigoSMTP';
$mail->send();`,
    },
    {
      id: "openssl",
      title: "Verify with OpenSSL",
      language: "shell",
      note: "Preferred: OpenSSL negotiates TLS properly. Type the lines after the connection opens; the two base64 lines are your username and password.",
      code: `openssl s_client -starttls smtp -connect ${c.smtpHost}:${c.smtpPort} -crlf -quiet
EHLO yourdomain.com
AUTH LOGIN
${b64(c.username)}
${b64(c.password)}
# Expected: 235 2.7.0 Authentication successful
QUIT`,
    },
    {
      id: "telnet",
      title: "Reachability with Telnet",
      language: "shell",
      note: "Telnet cannot speak TLS, and the relay accepts AUTH only after STARTTLS, so Telnet checks reachability only: the banner and EHLO. Use OpenSSL to check the credentials.",
      code: `telnet ${c.smtpHost} ${c.smtpPort}
# Expected: 220 ${c.smtpHost} ESMTP ready
EHLO yourdomain.com
# Expected: 250-… lines including 250-STARTTLS
QUIT`,
    },
  ];
}

export const STORAGE_GUIDANCE: { method: string; how: string; level: string }[] = [
  { method: "Environment variables", how: "Store in .env file (local) or server environment (production); access via getenv(), os.environ, process.env", level: "Recommended" },
  { method: "Secrets manager", how: "AWS Secrets Manager, HashiCorp Vault, Azure Key Vault, Google Secret Manager", level: "Best for production" },
  { method: "CI/CD secrets", how: "GitHub Actions secrets, GitLab CI variables, Bitbucket repository variables", level: "Good for deployments" },
  { method: "Config file", how: "Stored in an unversioned config file with restricted file permissions", level: "Acceptable with care" },
  { method: "Hard-coded in source", how: "Directly in code files", level: "Never — serious security risk" },
];
