/**
 * The peak resident memory of a process group's `workerd` processes while some work runs,
 * sampled from /proc (Linux). Local workerd does not enforce a Worker's 128 MB, so this is how a
 * benchmark sees what a recompute would need in production: the growth over the resident size
 * just before (JavaScript heap and D1's SQLite together, an upper bound on the isolate's use).
 */
import { readdirSync, readFileSync } from 'node:fs';

function workerdPids(groupId: number): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // pid (comm) state ppid pgrp ...: comm may hold spaces, so read after the last ')'.
      const comm = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      const pgrp = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[2]);
      if (pgrp === groupId && comm.startsWith('workerd')) pids.push(Number(entry));
    } catch {
      // The process ended between the listing and the read.
    }
  }
  return pids;
}

function rssBytes(pid: number): number {
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

/** The largest workerd process's resident size in the group, in bytes (0 where /proc is missing). */
export function workerdRss(groupId: number): number {
  return Math.max(0, ...workerdPids(groupId).map(rssBytes));
}

/** Runs `work`, sampling the group's largest workerd every `everyMs`; the peak and the size just before. */
export async function peakWorkerdRss<T>(groupId: number, work: () => Promise<T>, everyMs = 100): Promise<{ result: T; beforeBytes: number; peakBytes: number }> {
  const beforeBytes = workerdRss(groupId);
  let peakBytes = beforeBytes;
  const timer = setInterval(() => {
    peakBytes = Math.max(peakBytes, workerdRss(groupId));
  }, everyMs);
  try {
    const result = await work();
    peakBytes = Math.max(peakBytes, workerdRss(groupId));
    return { result, beforeBytes, peakBytes };
  } finally {
    clearInterval(timer);
  }
}
