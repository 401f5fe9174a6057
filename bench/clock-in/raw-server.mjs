// The raw baseline: a bare node:http server doing one mysql2 INSERT per request into its own table, with the
// same row shape as attendance_punches (CREATE TABLE … LIKE, done by run.mjs). No auth, no validation, no geofence.
//   node bench/clock-in/raw-server.mjs <port> <mysql url> <table>
import http from 'node:http';
import { randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';

const require = createRequire(new URL('../../server/package.json', import.meta.url));
const mysql = require('mysql2/promise');
const [port, url, table] = process.argv.slice(2);
const pool = mysql.createPool({ uri: url, connectionLimit: 10, waitForConnections: true });
const SQL = `INSERT INTO \`${table}\` (id, tenantId, employeeId, date, at, kind, source, siteId, siteName, distanceMeters, latitude, longitude,
  accuracy, wifi, flags, remark, photoFileIds, deviceId, idempotencyKey, createdAt, updatedAt)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`;

http.createServer((req, res) => {
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', async () => {
    try {
      const b = JSON.parse(Buffer.concat(chunks).toString());
      const now = new Date();
      await pool.execute(SQL, [randomUUID(), b.tenantId ?? 'bench', b.employeeId ?? 'bench', now.toISOString().slice(0, 10), now, 'in', 'site',
        null, '总部', 12, b.latitude, b.longitude, b.accuracy, null, '[]', null, '[]', b.deviceId ?? null, b.idempotencyKey, now, now]);
      const out = JSON.stringify({ ok: true });
      res.writeHead(201, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(out) });
      res.end(out);
    } catch (err) {
      res.writeHead(500, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ code: 'INTERNAL', message: String(err.message) }));
    }
  });
}).listen(Number(port), '127.0.0.1', () => console.log(`RAW_LISTENING http://127.0.0.1:${port}`));
