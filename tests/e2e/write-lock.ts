/**
 * One writer at a time, across the test workers.
 *
 * The tests write the data they need straight into the server's SQLite file
 * (factories.ts), from their own processes, while the server serves the
 * other worker's browser. Most of the app's transactions read before they
 * write, inside a deferred transaction (Prisma's better-sqlite3 adapter
 * BEGINs deferred): if another connection commits between that read and the
 * write, SQLite answers SQLITE_BUSY_SNAPSHOT at once (no busy timeout helps)
 * and the page's save fails with a 500. So both kinds of writes take this
 * lock and never overlap: a factory's database writes, and every request a
 * test's browser sends with a method other than GET, HEAD or OPTIONS, from
 * the moment it leaves the browser until its response arrives (fixtures.ts
 * routes them through here). Requests sent with `page.request` are not
 * routed: the tests only use them to read, or for POSTs the server refuses
 * before writing anything.
 *
 * The lock is a first-come, first-served queue of connections to a Unix
 * socket, kept by the Playwright runner process (global-setup.ts). Holding
 * the lock is holding the connection at the head of the queue; a worker
 * that dies lets go as its socket closes. Each write takes it on its own,
 * so even two writes of one test (a factory call made while the page's own
 * save is still on its way) never overlap.
 */
import { rmSync } from "node:fs";
import net from "node:net";

const GRANTED = "granted\n";

/** Serves the lock on `socketPath`; the returned function stops serving it. */
export async function serveWriteLock(socketPath: string): Promise<() => Promise<void>> {
  rmSync(socketPath, { force: true });
  const queue: net.Socket[] = [];
  const server = net.createServer((socket) => {
    queue.push(socket);
    if (queue.length === 1) socket.write(GRANTED);
    let left = false;
    const leave = () => {
      if (left) return;
      left = true;
      const at = queue.indexOf(socket);
      queue.splice(at, 1);
      if (at === 0 && queue.length > 0) queue[0]!.write(GRANTED);
    };
    socket.on("end", () => socket.end());
    socket.on("error", () => socket.destroy());
    socket.on("close", leave);
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(socketPath, resolve);
  });
  return () =>
    new Promise<void>((resolve) => {
      for (const socket of queue) socket.destroy();
      server.close(() => resolve());
    });
}

function connect(): Promise<net.Socket> {
  const socketPath = process.env.E2E_LOCK_SOCKET;
  if (!socketPath) {
    return Promise.reject(
      new Error("E2E_LOCK_SOCKET is not set: run the end-to-end tests with playwright.config.ts, whose global setup serves the write lock"),
    );
  }
  return new Promise((resolve, reject) => {
    const socket = net.createConnection(socketPath);
    socket.once("data", () => {
      socket.removeAllListeners("close");
      socket.on("error", () => undefined);
      resolve(socket);
    });
    socket.once("error", reject);
    socket.once("close", () => reject(new Error("The write lock's server closed the connection")));
  });
}

/**
 * Runs `work` while holding the write lock: after every write that asked
 * before it, in this worker or another, has finished.
 */
export async function withWriteLock<T>(work: () => Promise<T>): Promise<T> {
  const socket = await connect();
  try {
    return await work();
  } finally {
    socket.end();
  }
}
