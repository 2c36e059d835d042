// Generates both Prisma clients (SQLite and PostgreSQL) when their schema changed.
import { generateClients } from "../lib/setup/database";

await generateClients();
