import { createApp } from './bootstrap';
import { ConfigValidationError } from './config/env.validation';

async function main(): Promise<void> {
  const { app, config } = await createApp();
  // Keep idle keep-alive connections longer than the usual proxy / load-balancer idle timeout (60 s): Node's 5 s
  // default closes sockets a proxy or a client pool is about to reuse, and those requests fail with a reset.
  const server = app.getHttpServer();
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  await app.listen(config.app.port, config.app.host);
  const base = `http://${config.app.host}:${config.app.port}`;
  // Plain stdout lines for people and for the launcher.
  console.log(`hrlink API      ${base}/api  (docs ${base}/api/docs, health ${base}/api/health)`);
  console.log(`database        ${config.database.type === 'mysql' ? 'mysql' : config.database.sqlitePath}`);
  if (config.crypto.keySource === 'generated') console.log('encryption key  generated and saved to data/secret.key (set APP_ENCRYPTION_KEY in production)');
  console.log(`HRLINK_SERVER_LISTENING ${base}`);
}

main().catch((err) => {
  if (err instanceof ConfigValidationError) {
    console.error(err.message);
  } else {
    console.error('hrlink server failed to start:', err);
  }
  process.exit(1);
});
