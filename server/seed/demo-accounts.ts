/**
 * The demo accounts seeded on first run with SEED=demo. Demo only: the password is public.
 */
export const DEMO_ACCOUNT = { email: 'demo@example.test', password: 'demo', fullName: 'Demo User' } as const;

export const DEMO_COLLEAGUES = [
  { email: 'ana@example.test', password: 'demo', fullName: 'Ana Popescu' },
  { email: 'bogdan@example.test', password: 'demo', fullName: 'Bogdan Ionescu' },
] as const;
