/** The demo city the browser tests' service is seeded with (src/seed/demo-city.ts). */
export const DEMO_PASSWORD = 'demo-password-1';
export const demoEmail = (login: string) => `${login}@demo.samvirke.test`;
