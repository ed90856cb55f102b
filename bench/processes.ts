// What the benchmark reads of the processes it measures: CPU time and resident memory from
// /proc (Linux), for the API server and for PostgreSQL (the postmaster and all its children).
import fs from 'node:fs';
import path from 'node:path';

// /proc/<pid>/stat counts CPU time in clock ticks of 10 ms (CLK_TCK is 100 on Linux)
const msPerTick = 10;

// fields after "pid (name) ": the state first; utime and stime are the 12th and 13th of them
function statFields(pid: number): string[] {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
}

// with `children`, also that of its children that ended (and were waited for)
export function cpuMs(pid: number, { children = false } = {}): number {
  const fields = statFields(pid).slice(11, children ? 15 : 13);
  return fields.reduce((sum, field) => sum + Number(field), 0) * msPerTick;
}

export function rssBytes(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? 0) * 1024;
}

// The CPU time of the cluster: its postmaster and every process it started (backends, WAL
// writer, checkpointer...), those that ended included.
export function postgresCpuMs(dataDir: string): number {
  const postmaster = Number(
    fs.readFileSync(path.join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0],
  );
  let total = cpuMs(postmaster, { children: true });
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (Number(statFields(Number(entry))[1]) === postmaster) total += cpuMs(Number(entry));
    } catch {
      // ended while being read
    }
  }
  return total;
}
