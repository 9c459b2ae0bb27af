import { cloudflareTest, readD1Migrations } from '@cloudflare/vitest-plugin';
import { defineConfig, defineProject } from 'vitest/config';

// Three projects: Worker tests run inside workerd against a real local D1 with the real
// migrations; shared/ and site/ tests run in plain Node (the site test builds the real site);
// browser tests build the site and drive Debian's Chromium through playwright-core.
export default defineConfig({
  test: {
    reporters: ['default', './test/summary-reporter.ts'],
    projects: [
      defineProject({
        plugins: [
          cloudflareTest(async () => ({
            wrangler: { configPath: './wrangler.toml' },
            miniflare: {
              compatibilityFlags: ['service_binding_extra_handlers'],
              bindings: {
                TEST_MIGRATIONS: await readD1Migrations('./worker/db/migrations'),
                WEBHOOK_SECRETS:
                  'crm=whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw,crm=whsec_c2Vjb25kLXNlY3JldC1mb3Itcm90YXRpb24=,shop=whsec_c2hvcC1zZWNyZXQtMDEyMzQ1Njc4OQ==',
                READ_TOKEN: 'test-read-token',
                ADMIN_TOKEN: 'test-admin-token',
                ORG_TIMEZONE: 'UTC',
                ORG_CURRENCY: 'USD',
                // Rounds of 30 random histories in test/worker/engine-property.test.ts (CI: 1; `PROPERTY_ROUNDS=70 npm run test:property` for thousands).
                PROPERTY_ROUNDS: process.env.PROPERTY_ROUNDS ?? '1',
              },
            },
          })),
        ],
        test: {
          name: 'worker',
          include: ['test/worker/**/*.test.ts'],
          // Real recomputes on real D1: a second or two each, several times that on a busy machine.
          testTimeout: 30_000,
          setupFiles: ['./test/worker/apply-migrations.ts'],
        },
      }),
      defineProject({
        test: {
          name: 'node',
          include: ['test/shared/**/*.test.ts', 'test/site/**/*.test.ts', 'test/scripts/**/*.test.ts', 'test/migrations/**/*.test.ts'],
          environment: 'node',
          testTimeout: 120_000,
          hookTimeout: 180_000,
        },
      }),
      defineProject({
        test: {
          name: 'browser',
          include: ['test/browser/**/*.test.ts'],
          environment: 'node',
          // The build, then every page loaded four times (widths x color schemes) with axe runs.
          testTimeout: 120_000,
          hookTimeout: 300_000,
        },
      }),
    ],
  },
});
