import { readFile, readdir, readlink } from 'node:fs/promises';

// Kernel socket state code for LISTEN in /proc/net/tcp{,6}.
const TCP_LISTEN = '0A';

/**
 * TCP ports a child process listens on, read from /proc (Linux): its socket inodes matched against the
 * kernel's socket tables. This is how we learn the port of an anvil started with `--port 0 --silent`
 * (silent anvil prints nothing), without the bind-close-reuse race of picking a port ourselves.
 */
export async function listeningPorts(pid: number): Promise<number[]> {
  const inodes = new Set<string>();
  for (const fd of await readdir(`/proc/${pid}/fd`)) {
    const target = await readlink(`/proc/${pid}/fd/${fd}`).catch(() => ''); // the fd may close meanwhile
    const inode = /^socket:\[(\d+)\]$/.exec(target)?.[1];
    if (inode !== undefined) inodes.add(inode);
  }
  const ports = new Set<number>();
  for (const table of ['tcp', 'tcp6']) {
    const text = await readFile(`/proc/${pid}/net/${table}`, 'utf8').catch(() => '');
    for (const line of text.split('\n').slice(1)) {
      // columns: sl local_address rem_address st tx:rx tr:when retrnsmt uid timeout inode …
      const columns = line.trim().split(/\s+/);
      const [, local, , state] = columns;
      const inode = columns[9];
      if (state !== TCP_LISTEN || inode === undefined || !inodes.has(inode) || local === undefined) continue;
      const portHex = local.slice(local.lastIndexOf(':') + 1);
      ports.add(Number.parseInt(portHex, 16));
    }
  }
  return [...ports];
}
