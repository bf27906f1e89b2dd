// Serves PGlite (PostgreSQL compiled to WebAssembly) with the real pgvector extension over the PostgreSQL wire
// protocol on 127.0.0.1, so tests reach a pgvector server with Npgsql. Usage: node serve.mjs [port] (0: any free port).
// Prints "READY 127.0.0.1:<port>" once it accepts connections; exits on SIGTERM/SIGINT.
import { PGlite } from '@electric-sql/pglite';
import { vector } from '@electric-sql/pglite-pgvector';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';

const port = Number(process.argv[2] ?? 0);
const db = await PGlite.create({ extensions: { vector } });
const server = new PGLiteSocketServer({ db, port, host: '127.0.0.1', maxConnections: 8 });
await server.start();
console.log('READY ' + server.getServerConn());

const stop = async () => {
  await server.stop();
  await db.close();
  process.exit(0);
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
