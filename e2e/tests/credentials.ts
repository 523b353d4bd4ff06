// No Playwright import here: the config reads these too.
export const ADMIN_USERNAME = 'admin';
/** The password the web server under test seeds the admin with (BATON_ADMIN_PASSWORD). */
export const ADMIN_PASSWORD = process.env.BATON_E2E_ADMIN_PASSWORD ?? 'e2e-admin-pass';
/** The password of the demo users (BATON_DEMO=1 seeds them with BATON_DEMO_PASSWORD). */
export const DEMO_PASSWORD = process.env.BATON_E2E_DEMO_PASSWORD ?? 'e2e-demo-pass';
