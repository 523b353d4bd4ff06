// No Playwright import here: the config reads these too.
export const ADMIN_USERNAME = 'admin';
/** The password the web server under test seeds the admin with (BATON_ADMIN_PASSWORD). */
export const ADMIN_PASSWORD = process.env.BATON_E2E_ADMIN_PASSWORD ?? 'e2e-admin-pass';
