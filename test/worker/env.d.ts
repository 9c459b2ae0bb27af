declare namespace Cloudflare {
  interface Env {
    DB: D1Database;
    TEST_MIGRATIONS: import('cloudflare:test').D1Migration[];
    WEBHOOK_SECRETS: string;
    READ_TOKEN: string;
    ADMIN_TOKEN: string;
    ORG_TIMEZONE: string;
    ORG_CURRENCY: string;
    PROPERTY_ROUNDS: string;
  }
}
