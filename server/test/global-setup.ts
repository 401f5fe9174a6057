/**
 * Guard for the MySQL/MariaDB run: refuses any DATABASE_URL whose database name does not contain "test"
 * (each worker then drops and recreates its own `<name>_w<JEST_WORKER_ID>` database, see test/db.ts).
 */
export default async function globalSetup(): Promise<void> {
  const url = process.env.DATABASE_URL;
  if (!url) return;
  const name = new URL(url).pathname.replace(/^\//, '');
  if (!/^mysql:/.test(url) || !name.toLowerCase().includes('test')) {
    throw new Error(`Refusing to run tests against DATABASE_URL database "${name}": its name must contain "test".`);
  }
}
