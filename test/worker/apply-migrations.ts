import { applyD1Migrations, env } from 'cloudflare:test';

// Runs before each test file: the real numbered migrations on the test's local D1.
await applyD1Migrations(env.DB, env.TEST_MIGRATIONS);
